using BleepStore.Application.Listing.ListObjects;
using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Validation;
using BleepStore.Domain.Access;

namespace BleepStore.Application.Tests.Listing.ListObjects;

public sealed class ListObjectsValidatorTests
{
    private static readonly ListObjectsValidator Validator = new();
    private static readonly S3RequestContext Context = S3RequestContext.Trusted(new Owner("o", "o"));

    [Theory]
    [InlineData(null, null, null)]
    [InlineData(0, "0", null)]
    [InlineData(5000, "5000", "url")]
    [InlineData(7, null, null)]
    public void Validate_AcceptedArguments_Pass(int? maxKeys, string? raw, string? encoding) =>
        ValidatorAssert.Passes(Validator, new ListObjectsQuery(Context, "b", MaxKeys: maxKeys, RawMaxKeys: raw, EncodingType: encoding));

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    public void Validate_MaxKeysNotAnInteger_InvalidArgumentWithTheValueAsSent(string raw) =>
        ValidatorAssert.Fails(Validator, new ListObjectsQuery(Context, "b", RawMaxKeys: raw), "InvalidArgument", "Provided max-keys not an integer or within integer range", "max-keys", raw);

    [Theory]
    [InlineData("1")]
    [InlineData("3")]
    [InlineData("")]
    public void Validate_ListTypeOtherThan2_InvalidArgument(string listType) =>
        ValidatorAssert.Fails(Validator, new ListObjectsQuery(Context, "b", ListType: listType), "InvalidArgument", "Invalid List Type specified in Request", "list-type", listType);

    [Fact]
    public void Validate_NegativeMaxKeys_InvalidArgument() =>
        ValidatorAssert.Fails(Validator, new ListObjectsQuery(Context, "b", MaxKeys: -1, RawMaxKeys: "-1"), "InvalidArgument", "Argument maxKeys must be an integer between 0 and 2147483647", "max-keys", "-1");

    [Fact]
    public void Validate_UnknownEncodingType_InvalidArgument() =>
        ValidatorAssert.Fails(Validator, new ListObjectsQuery(Context, "b", EncodingType: "base64"), "InvalidArgument", "Invalid Encoding Method specified in Request", "encoding-type", "base64");

    [Fact]
    public void Validate_BadMaxKeysAndEncoding_MaxKeysIsReportedFirst() =>
        ValidatorAssert.Fails(Validator, new ListObjectsQuery(Context, "b", RawMaxKeys: "x", EncodingType: "base64"), "InvalidArgument", argumentName: "max-keys", argumentValue: "x");
}
