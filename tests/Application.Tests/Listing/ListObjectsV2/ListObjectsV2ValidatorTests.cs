using BleepStore.Application.Listing.ListObjectsV2;
using FluentValidation;

namespace BleepStore.Application.Tests.Listing.ListObjectsV2;

public sealed class ListObjectsV2ValidatorTests : ListingValidatorContract<ListObjectsV2Query>
{
    protected override IValidator<ListObjectsV2Query> Validator { get; } = new ListObjectsV2Validator();

    protected override ListObjectsV2Query Query(int? maxKeys = null, string? rawMaxKeys = null, string? encodingType = null) =>
        new(Context, "b", MaxKeys: maxKeys, RawMaxKeys: rawMaxKeys, EncodingType: encodingType);
}
