using BleepStore.Application.Validation;
using BleepStore.Domain.Errors;
using FluentValidation;

namespace BleepStore.Application.Objects.CopyObject;

/// <summary>
/// What CopyObject can judge before any lookup, in S3's order: the copy source names a bucket and a key,
/// then each directive is <c>COPY</c> or <c>REPLACE</c> (case-sensitive, as S3). Whether the source exists
/// or may be read, the key's length, ACL headers and storage class are the handler's (after NoSuchBucket).
/// </summary>
internal sealed class CopyObjectValidator : S3Validator<CopyObjectCommand>
{
    public const string Copy = "COPY";
    public const string Replace = "REPLACE";

    public CopyObjectValidator()
    {
        RuleFor(c => c.CopySource)
            .Must(s => CopySource.TryParse(s, out _))
            .WithS3Error((_, s) => CopySource.Malformed(s));
        RuleFor(c => c.MetadataDirective)
            .Must(IsDirective)
            .WithS3Error((_, d) => S3Exception.InvalidArgument("Unknown metadata directive.", "x-amz-metadata-directive", d));
        RuleFor(c => c.TaggingDirective)
            .Must(IsDirective)
            .WithS3Error((_, d) => S3Exception.InvalidArgument("Unknown tagging directive.", "x-amz-tagging-directive", d));
    }

    private static bool IsDirective(string? value) => value is null or Copy or Replace;
}
