using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Validation;
using BleepStore.Domain.Access;
using BleepStore.Domain.Objects;
using FluentValidation;

namespace BleepStore.Application.Tests.Objects;

/// <summary>
/// The checks every object read (GetObject, HeadObject) shares through <c>ObjectReadValidator</c>: <c>partNumber</c>
/// (an integer in 1–10000, never with a Range) and <c>versionId</c>. Each read's test class supplies its validator
/// and how to build its query.
/// </summary>
public abstract class ObjectReadValidatorContract<TQuery>
    where TQuery : class
{
    protected static readonly S3RequestContext Context = S3RequestContext.Trusted(new Owner("o", "o"));

    protected abstract IValidator<TQuery> Validator { get; }

    protected abstract TQuery Query(string? range = null, int? partNumber = null, string? rawPartNumber = null, string? versionId = null);

    [Theory]
    [InlineData(null, null, null)]
    [InlineData(null, null, "bytes=0-1")]
    [InlineData(1, "1", null)]
    [InlineData(10000, "10000", null)]
    public void Validate_NoPartNumberOrOneInRange_Passes(int? partNumber, string? raw, string? range) =>
        ValidatorAssert.Passes(Validator, Query(range, partNumber, raw));

    [Theory]
    [InlineData(null)]
    [InlineData("bytes=0-1")]
    public void HasInput_NoPartNumberNorVersionId_SkippedByThePipeline(string? range) =>
        ValidatorAssert.Skips(Validator, Query(range));

    [Theory]
    [InlineData("x")]
    [InlineData("")]
    [InlineData("1.0")]
    public void Validate_PartNumberNotAnInteger_InvalidArgument(string raw) =>
        ValidatorAssert.Fails(Validator, Query(rawPartNumber: raw), "InvalidArgument",
            "Provided partNumber not an integer or within integer range", "partNumber", raw);

    [Fact]
    public void Validate_PartNumberWithRange_InvalidRequest()
    {
        var error = ValidatorAssert.Fails(Validator, Query("bytes=0-1", 0, "0"), "InvalidRequest",
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
        ValidatorAssert.Fails(Validator, Query(partNumber: partNumber, rawPartNumber: "whatever"), "InvalidArgument",
            "Part number must be an integer between 1 and 10000, inclusive", "partNumber", partNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Validate_NullOrIssuedVersionId_Passes()
    {
        ValidatorAssert.Passes(Validator, Query(versionId: "null"));
        ValidatorAssert.Passes(Validator, Query(versionId: VersionIds.New()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("not a version id at all, far too long to be one of ours")]
    public void Validate_MalformedVersionId_InvalidArgument(string versionId) =>
        ValidatorAssert.Fails(Validator, Query(versionId: versionId), "InvalidArgument", "Invalid version id specified", "versionId", versionId);
}
