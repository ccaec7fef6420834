using BleepStore.Application.Buckets.ListBuckets;
using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Validation;
using BleepStore.Domain.Access;

namespace BleepStore.Application.Tests.Buckets.ListBuckets;

public sealed class ListBucketsValidatorTests
{
    private static readonly ListBucketsValidator Validator = new();
    private static readonly S3RequestContext Context = S3RequestContext.Trusted(new Owner("o", "o"));

    [Theory]
    [InlineData(1, "1")]
    [InlineData(10000, "10000")]
    public void Validate_InRange_Passes(int max, string raw) =>
        ValidatorAssert.Passes(Validator, new ListBucketsQuery(Context, MaxBuckets: max, RawMaxBuckets: raw));

    [Theory]
    [InlineData(0, "0")]
    [InlineData(10001, "10001")]
    [InlineData(-1, "-1")]
    public void Validate_OutOfRange_InvalidArgument(int max, string raw) =>
        ValidatorAssert.Fails(Validator, new ListBucketsQuery(Context, MaxBuckets: max, RawMaxBuckets: raw), "InvalidArgument",
            "Argument max-buckets must be an integer between 1 and 10000", "max-buckets", raw);

    [Fact]
    public void Validate_NotAnInteger_InvalidArgument() =>
        ValidatorAssert.Fails(Validator, new ListBucketsQuery(Context, RawMaxBuckets: "ten"), "InvalidArgument",
            "Provided max-buckets not an integer or within integer range", "max-buckets", "ten");

    [Fact]
    public void HasInput_PlainListBuckets_IsSkipped() =>
        Assert.False(Validator.HasInput(new ListBucketsQuery(Context, Prefix: "p")));
}
