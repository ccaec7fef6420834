using BleepStore.Application.Validation;

namespace BleepStore.Application.Uploads.ListParts;

/// <summary>Both must be integers 0–2147483647 if present (S3's messages); above the page size is clamped by the handler, as S3 does.</summary>
internal sealed class ListPartsValidator : S3Validator<ListPartsQuery>
{
    public ListPartsValidator()
    {
        RuleFor(q => q.MaxParts).IsInteger("max-parts", q => q.RawMaxParts).IsNotNegative("max-parts");
        RuleFor(q => q.PartNumberMarker).IsInteger("part-number-marker", q => q.RawPartNumberMarker).IsNotNegative("part-number-marker");
    }
}
