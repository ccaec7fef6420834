using BleepStore.Application.Objects.HeadObject;
using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Validation;
using BleepStore.Domain.Access;

namespace BleepStore.Application.Tests.Objects.HeadObject;

public sealed class HeadObjectValidatorTests
{
    private static readonly HeadObjectValidator Validator = new();
    private static readonly S3RequestContext Context = S3RequestContext.Trusted(new Owner("o", "o"));

    [Theory]
    [InlineData(null, null, null)]
    [InlineData(null, null, "bytes=0-1")]
    [InlineData(1, "1", null)]
    [InlineData(10000, "10000", null)]
    public void Validate_NoPartNumberOrOneInRange_Passes(int? partNumber, string? raw, string? range) =>
        ValidatorAssert.Passes(Validator, new HeadObjectQuery(Context, "b", "k", range, PartNumber: partNumber, RawPartNumber: raw));

    [Theory]
    [InlineData(null)]
    [InlineData("bytes=0-1")]
    public void HasInput_NoPartNumber_SkippedByThePipeline(string? range) =>
        ValidatorAssert.Skips(Validator, new HeadObjectQuery(Context, "b", "k", range));

    [Theory]
    [InlineData("x")]
    [InlineData("")]
    [InlineData("1.0")]
    public void Validate_PartNumberNotAnInteger_InvalidArgument(string raw) =>
        ValidatorAssert.Fails(Validator, new HeadObjectQuery(Context, "b", "k", RawPartNumber: raw), "InvalidArgument",
            "Provided partNumber not an integer or within integer range", "partNumber", raw);

    [Fact]
    public void Validate_PartNumberWithRange_InvalidRequest()
    {
        var error = ValidatorAssert.Fails(Validator, new HeadObjectQuery(Context, "b", "k", "bytes=0-1", PartNumber: 0, RawPartNumber: "0"), "InvalidRequest",
            "Cannot specify both Range header and partNumber query parameter");
        Assert.Equal(400, error.Error.HttpStatus);
        Assert.Empty(error.Details);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10001)]
    [InlineData(int.MaxValue)]
    public void Validate_PartNumberOutside1To10000_InvalidArgument(int partNumber) =>
        ValidatorAssert.Fails(Validator, new HeadObjectQuery(Context, "b", "k", PartNumber: partNumber, RawPartNumber: "whatever"), "InvalidArgument",
            "Part number must be an integer between 1 and 10000, inclusive", "partNumber", partNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
