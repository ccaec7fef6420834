using BleepStore.Application.Validation;

namespace BleepStore.Application.Uploads.ListMultipartUploads;

/// <summary><c>max-uploads</c> an integer 0–2147483647 (above 1000 is clamped by the handler, as S3 does), <c>encoding-type</c> <c>url</c>.</summary>
internal sealed class ListMultipartUploadsValidator : S3Validator<ListMultipartUploadsQuery>
{
    public ListMultipartUploadsValidator()
    {
        RuleFor(q => q.MaxUploads).IsInteger("max-uploads", q => q.RawMaxUploads).IsNotNegative("max-uploads");
        RuleFor(q => q.EncodingType).IsEncodingType();
    }
}
