using BleepStore.Application.Validation;

namespace BleepStore.Application.Uploads.ListParts;

/// <summary>Both must be integers if present; their ranges are clamped by the handler, as S3 does.</summary>
internal sealed class ListPartsValidator : S3Validator<ListPartsQuery>
{
    public ListPartsValidator()
    {
        RuleFor(q => q.MaxParts).IsInteger("max-parts", q => q.RawMaxParts);
        RuleFor(q => q.PartNumberMarker).IsInteger("part-number-marker", q => q.RawPartNumberMarker);
    }
}
