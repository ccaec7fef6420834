using BleepStore.Application.Validation;
using BleepStore.Domain.Errors;
using FluentValidation;

namespace BleepStore.Application.Objects.GetObjectAttributes;

/// <summary>
/// <c>x-amz-object-attributes</c> present and naming only S3's five attributes; <c>x-amz-max-parts</c> and
/// <c>x-amz-part-number-marker</c> integers ≥ 0.
/// </summary>
internal sealed class GetObjectAttributesValidator : S3Validator<GetObjectAttributesQuery>
{
    public static readonly string[] Known = ["ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize"];

    public GetObjectAttributesValidator()
    {
        RuleFor(q => q.Attributes)
            .Must(a => !string.IsNullOrWhiteSpace(a))
            .WithS3Error(_ => S3Exception.InvalidArgument(
                "The x-amz-object-attributes header specifying the attributes to be retrieved is either missing or empty", "x-amz-object-attributes", ""))
            .Must(a => a!.Split(',').All(n => Array.IndexOf(Known, n.Trim()) >= 0))
            .WithS3Error((_, a) => S3Exception.InvalidArgument("Invalid attribute name specified.", "x-amz-object-attributes", a));
        RuleFor(q => q.MaxParts).IsInteger("x-amz-max-parts", q => q.RawMaxParts).IsNotNegative("x-amz-max-parts");
        RuleFor(q => q.PartNumberMarker).IsInteger("x-amz-part-number-marker", q => q.RawPartNumberMarker).IsNotNegative("x-amz-part-number-marker");
    }
}
