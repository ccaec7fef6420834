using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Validation;
using BleepStore.Domain.Access;
using FluentValidation;

namespace BleepStore.Application.Tests.Listing;

/// <summary>
/// The checks every object listing (ListObjects, ListObjectsV2, ListObjectVersions) shares: <c>max-keys</c> as sent
/// (an integer, not negative) and <c>encoding-type</c> (only <c>url</c>), with max-keys reported first. Each
/// listing's test class supplies its validator and how to build its query, and adds its own arguments' tests.
/// </summary>
public abstract class ListingValidatorContract<TQuery>
    where TQuery : class
{
    protected static readonly S3RequestContext Context = S3RequestContext.Trusted(new Owner("o", "o"));

    protected abstract IValidator<TQuery> Validator { get; }

    protected abstract TQuery Query(int? maxKeys = null, string? rawMaxKeys = null, string? encodingType = null);

    [Theory]
    [InlineData(null, null, null)]
    [InlineData(0, "0", null)]
    [InlineData(5000, "5000", "url")]
    [InlineData(7, null, null)]
    public void Validate_AcceptedArguments_Pass(int? maxKeys, string? raw, string? encoding) =>
        ValidatorAssert.Passes(Validator, Query(maxKeys, raw, encoding));

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    public void Validate_MaxKeysNotAnInteger_InvalidArgumentWithTheValueAsSent(string raw) =>
        ValidatorAssert.Fails(Validator, Query(rawMaxKeys: raw), "InvalidArgument", "Provided max-keys not an integer or within integer range", "max-keys", raw);

    [Fact]
    public void Validate_NegativeMaxKeys_InvalidArgument() =>
        ValidatorAssert.Fails(Validator, Query(-1, "-1"), "InvalidArgument", "Argument maxKeys must be an integer between 0 and 2147483647", "max-keys", "-1");

    [Fact]
    public void Validate_UnknownEncodingType_InvalidArgument() =>
        ValidatorAssert.Fails(Validator, Query(encodingType: "base64"), "InvalidArgument", "Invalid Encoding Method specified in Request", "encoding-type", "base64");

    [Fact]
    public void Validate_BadMaxKeysAndEncoding_MaxKeysIsReportedFirst() =>
        ValidatorAssert.Fails(Validator, Query(rawMaxKeys: "x", encodingType: "base64"), "InvalidArgument", argumentName: "max-keys", argumentValue: "x");
}
