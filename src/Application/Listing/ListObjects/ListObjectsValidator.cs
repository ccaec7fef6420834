using BleepStore.Application.Validation;

namespace BleepStore.Application.Listing.ListObjects;

internal sealed class ListObjectsValidator : S3Validator<ListObjectsQuery>
{
    public ListObjectsValidator()
    {
        RuleFor(q => q.MaxKeys).IsInteger("max-keys", q => q.RawMaxKeys).IsNotNegativeMaxKeys();
        RuleFor(q => q.EncodingType).IsEncodingType();
    }
}
