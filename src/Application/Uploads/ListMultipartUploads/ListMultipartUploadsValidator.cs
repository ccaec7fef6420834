using BleepStore.Application.Validation;

namespace BleepStore.Application.Uploads.ListMultipartUploads;

/// <summary><c>max-uploads</c> is read leniently (not an integer → 1000, clamped to 0–1000), so only the encoding is checked.</summary>
internal sealed class ListMultipartUploadsValidator : S3Validator<ListMultipartUploadsQuery>
{
    public ListMultipartUploadsValidator()
    {
        RuleFor(q => q.EncodingType).IsEncodingType();
    }
}
