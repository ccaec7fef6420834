using BleepStore.Application.Listing.ListObjectVersions;
using FluentValidation;

namespace BleepStore.Application.Tests.Listing.ListObjectVersions;

public sealed class ListObjectVersionsValidatorTests : ListingValidatorContract<ListObjectVersionsQuery>
{
    protected override IValidator<ListObjectVersionsQuery> Validator { get; } = new ListObjectVersionsValidator();

    protected override ListObjectVersionsQuery Query(int? maxKeys = null, string? rawMaxKeys = null, string? encodingType = null) =>
        new(Context, "b", MaxKeys: maxKeys, RawMaxKeys: rawMaxKeys, EncodingType: encodingType);
}
