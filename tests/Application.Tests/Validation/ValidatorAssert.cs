using BleepStore.Domain.Errors;
using FluentValidation;

namespace BleepStore.Application.Tests.Validation;

/// <summary>Runs a use case's validator as the pipeline does and returns the S3 error it would raise.</summary>
internal static class ValidatorAssert
{
    public static void Passes<T>(IValidator<T> validator, T request)
    {
        var result = validator.Validate(request);
        Assert.True(result.IsValid, result.IsValid ? "" : result.Errors[0].ErrorMessage);
    }

    /// <summary>The first failure's exact S3 error: code, status and message, plus <c>ArgumentName</c>/<c>ArgumentValue</c> when given.</summary>
    public static S3Exception Fails<T>(IValidator<T> validator, T request, string code, string? message = null, string? argumentName = null, string? argumentValue = null)
    {
        var result = validator.Validate(request);
        Assert.False(result.IsValid);
        var error = Assert.IsType<S3Exception>(result.Errors[0].CustomState);
        Assert.Equal(code, error.Error.Code);
        if (message is not null)
        {
            Assert.Equal(message, error.Message);
        }

        if (argumentName is not null)
        {
            Assert.Equal([new("ArgumentName", argumentName), new("ArgumentValue", argumentValue ?? "")], error.Details);
        }

        return error;
    }
}
