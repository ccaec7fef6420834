using BleepStore.Application.Validation;

namespace BleepStore.Application.Listing.ListObjectVersions;

internal sealed class ListObjectVersionsValidator : S3Validator<ListObjectVersionsQuery>
{
    public ListObjectVersionsValidator()
    {
        RuleFor(q => q.MaxKeys).IsInteger("max-keys", q => q.RawMaxKeys).IsNotNegativeMaxKeys();
        RuleFor(q => q.EncodingType).IsEncodingType();
    }
}
