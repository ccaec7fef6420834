using BleepStore.Application.Validation;
using BleepStore.Domain.Errors;
using FluentValidation;

namespace BleepStore.Application.Uploads.CompleteMultipartUpload;

/// <summary>
/// Spec 30's first check: an empty <c>uploadId</c> is InvalidArgument before NoSuchBucket. (UploadPart,
/// ListParts and AbortMultipartUpload answer an empty one with NoSuchUpload after the bucket, as for any
/// unknown id: a state answer, so it stays in <see cref="UploadLookup"/>.)
/// </summary>
internal sealed class CompleteMultipartUploadValidator : S3Validator<CompleteMultipartUploadCommand>
{
    public CompleteMultipartUploadValidator()
    {
        RuleFor(c => c.UploadId)
            .NotEmpty()
            .WithS3Error((_, id) => S3Exception.InvalidArgument("This operation requires an uploadId.", "uploadId", id));
    }
}
