using BleepStore.Application.Validation;
using BleepStore.Domain.Errors;
using FluentValidation;

namespace BleepStore.Application.Buckets.PutBucketLifecycleConfiguration;

/// <summary>S3 wants the document's integrity proven: Content-MD5 or an <c>x-amz-checksum-*</c> (or a checksum trailer).</summary>
internal sealed class PutBucketLifecycleConfigurationValidator : S3Validator<PutBucketLifecycleConfigurationCommand>
{
    public PutBucketLifecycleConfigurationValidator()
    {
        RuleFor(c => c.Rules.IntegrityHeaders)
            .Must(HasDigest)
            .When(c => c.Context.Http is not null)
            .WithS3Error(_ => new S3Exception(S3Errors.InvalidRequest, "Missing required header for this request: Content-MD5"));
    }

    /// <summary>In-process callers hand over a parsed document: nothing to prove.</summary>
    public override bool HasInput(PutBucketLifecycleConfigurationCommand request) => request.Context.Http is not null;

    private static bool HasDigest(IReadOnlyDictionary<string, string> headers)
    {
        foreach (var name in headers.Keys)
        {
            if (name.Equals("content-md5", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("x-amz-checksum-", StringComparison.OrdinalIgnoreCase)
                || name.Equals("x-amz-trailer", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
