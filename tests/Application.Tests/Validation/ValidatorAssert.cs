using BleepStore.Application.Validation;
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

    /// <summary>
    /// The pipeline would skip <paramref name="request"/> (<see cref="S3Validator{T}.HasInput"/> is false), and
    /// rightly: run anyway, every rule passes.
    /// </summary>
    public static void Skips<T>(IValidator<T> validator, T request)
    {
        var s3 = Assert.IsAssignableFrom<S3Validator<T>>(validator);
        Assert.False(s3.HasInput(request), "the validator claims input to check");
        Passes(validator, request);
    }

    /// <summary>
    /// The first failure's exact S3 error: code, status and message, plus <c>ArgumentName</c>/<c>ArgumentValue</c>
    /// when given. A failing request is never one the pipeline would skip.
    /// </summary>
    public static S3Exception Fails<T>(IValidator<T> validator, T request, string code, string? message = null, string? argumentName = null, string? argumentValue = null)
    {
        if (validator is S3Validator<T> s3)
        {
            Assert.True(s3.HasInput(request), "a request that fails validation would be skipped by the pipeline");
        }

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
