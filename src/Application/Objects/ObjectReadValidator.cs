using System.Globalization;
using BleepStore.Application.Uploads;
using BleepStore.Application.Validation;
using BleepStore.Domain.Errors;
using FluentValidation;

namespace BleepStore.Application.Objects;

/// <summary>
/// <c>?partNumber=N</c> on GET and HEAD, in S3's order: an integer, not with a Range header, within
/// 1–10000. Whether the object has part N is the handler's question (416 InvalidPartNumber).
/// </summary>
internal abstract class ObjectReadValidator<T> : S3Validator<T>
    where T : IObjectRead
{
    protected ObjectReadValidator()
    {
        RuleFor(q => q.PartNumber)
            .IsInteger("partNumber", q => q.RawPartNumber)
            .Must((q, n) => n is null || q.Range is null)
            .WithS3Error(_ => new S3Exception(S3Errors.InvalidRequest, "Cannot specify both Range header and partNumber query parameter"))
            .Must(n => n is null or (>= MultipartLimits.MinPartNumber and <= MultipartLimits.MaxPartNumber))
            .WithS3Error((_, n) => S3Exception.InvalidArgument(ArgumentRules.PartNumberOutOfRange, "partNumber", n?.ToString(CultureInfo.InvariantCulture)));
        RuleFor(q => q.VersionId).IsVersionId();
    }

    /// <summary>Only <c>partNumber</c> is judged: a read without it has nothing to check.</summary>
    public override bool HasInput(T request) => request.PartNumber is not null || request.RawPartNumber is not null || request.VersionId is not null;
}
