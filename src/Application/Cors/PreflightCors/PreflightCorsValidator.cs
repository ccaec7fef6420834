using BleepStore.Application.Validation;
using BleepStore.Domain.Errors;
using FluentValidation;

namespace BleepStore.Application.Cors.PreflightCors;

/// <summary>S3's 400s for a preflight that lacks what it is about: the Origin, then the requested method.</summary>
internal sealed class PreflightCorsValidator : S3Validator<PreflightCorsQuery>
{
    public PreflightCorsValidator()
    {
        RuleFor(q => q.Origin)
            .Must(o => !string.IsNullOrEmpty(o))
            .WithS3Error((_, _) => new S3Exception(S3Errors.BadRequest, "Insufficient information. Origin request header needed."));
        RuleFor(q => q.Method)
            .Must(m => !string.IsNullOrEmpty(m))
            .WithS3Error((_, _) => new S3Exception(S3Errors.BadRequest, "Invalid Access-Control-Request-Method: null"));
    }
}
