using BleepStore.Application.Listing.ListObjects;
using BleepStore.Application.Tests.Validation;
using FluentValidation;

namespace BleepStore.Application.Tests.Listing.ListObjects;

public sealed class ListObjectsValidatorTests : ListingValidatorContract<ListObjectsQuery>
{
    protected override IValidator<ListObjectsQuery> Validator { get; } = new ListObjectsValidator();

    protected override ListObjectsQuery Query(int? maxKeys = null, string? rawMaxKeys = null, string? encodingType = null) =>
        new(Context, "b", MaxKeys: maxKeys, RawMaxKeys: rawMaxKeys, EncodingType: encodingType);

    [Theory]
    [InlineData("1")]
    [InlineData("3")]
    [InlineData("")]
    public void Validate_ListTypeOtherThan2_InvalidArgument(string listType) =>
        ValidatorAssert.Fails(Validator, new ListObjectsQuery(Context, "b", ListType: listType), "InvalidArgument", "Invalid List Type specified in Request", "list-type", listType);
}
