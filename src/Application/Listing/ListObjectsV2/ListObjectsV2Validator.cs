using BleepStore.Application.Validation;

namespace BleepStore.Application.Listing.ListObjectsV2;

internal sealed class ListObjectsV2Validator : S3Validator<ListObjectsV2Query>
{
    public ListObjectsV2Validator()
    {
        RuleFor(q => q.MaxKeys).IsInteger("max-keys", q => q.RawMaxKeys).IsNotNegativeMaxKeys();
        RuleFor(q => q.EncodingType).IsEncodingType();
    }
}
