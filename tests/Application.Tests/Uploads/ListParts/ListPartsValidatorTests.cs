using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Validation;
using BleepStore.Application.Uploads.ListParts;
using BleepStore.Domain.Access;

namespace BleepStore.Application.Tests.Uploads.ListParts;

public sealed class ListPartsValidatorTests
{
    private static readonly ListPartsValidator Validator = new();
    private static readonly S3RequestContext Context = S3RequestContext.Trusted(new Owner("o", "o"));

    [Theory]
    [InlineData(null, null, null, null)]
    [InlineData(0, "0", 0, "0")]
    [InlineData(5000, "5000", 3, null)]
    public void Validate_NonNegativeIntegers_Pass(int? maxParts, string? rawMaxParts, int? marker, string? rawMarker) =>
        ValidatorAssert.Passes(Validator, new ListPartsQuery(Context, "b", "k", "u", maxParts, marker, rawMaxParts, rawMarker));

    [Fact]
    public void Validate_MaxPartsNotAnInteger_InvalidArgument() =>
        ValidatorAssert.Fails(Validator, new ListPartsQuery(Context, "b", "k", "u", RawMaxParts: "abc"), "InvalidArgument",
            "Provided max-parts not an integer or within integer range", "max-parts", "abc");

    [Fact]
    public void Validate_PartNumberMarkerNotAnInteger_InvalidArgument() =>
        ValidatorAssert.Fails(Validator, new ListPartsQuery(Context, "b", "k", "u", RawPartNumberMarker: ""), "InvalidArgument",
            "Provided part-number-marker not an integer or within integer range", "part-number-marker", "");

    [Fact]
    public void Validate_NegativeMaxParts_InvalidArgument() =>
        ValidatorAssert.Fails(Validator, new ListPartsQuery(Context, "b", "k", "u", MaxParts: -5, RawMaxParts: "-5"), "InvalidArgument",
            "Argument max-parts must be an integer between 0 and 2147483647", "max-parts", "-5");

    [Fact]
    public void Validate_NegativePartNumberMarker_InvalidArgument() =>
        ValidatorAssert.Fails(Validator, new ListPartsQuery(Context, "b", "k", "u", PartNumberMarker: -1, RawPartNumberMarker: "-1"), "InvalidArgument",
            "Argument part-number-marker must be an integer between 0 and 2147483647", "part-number-marker", "-1");

    [Fact]
    public void Validate_BothBad_MaxPartsIsReportedFirst() =>
        ValidatorAssert.Fails(Validator, new ListPartsQuery(Context, "b", "k", "u", RawMaxParts: "x", RawPartNumberMarker: "y"), "InvalidArgument",
            argumentName: "max-parts", argumentValue: "x");
}
