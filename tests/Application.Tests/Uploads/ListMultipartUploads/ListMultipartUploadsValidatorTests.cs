using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Validation;
using BleepStore.Application.Uploads.ListMultipartUploads;
using BleepStore.Domain.Access;

namespace BleepStore.Application.Tests.Uploads.ListMultipartUploads;

public sealed class ListMultipartUploadsValidatorTests
{
    private static readonly ListMultipartUploadsValidator Validator = new();
    private static readonly S3RequestContext Context = S3RequestContext.Trusted(new Owner("o", "o"));

    [Theory]
    [InlineData(null)]
    [InlineData("url")]
    public void Validate_NoOrUrlEncoding_Passes(string? encoding) =>
        ValidatorAssert.Passes(Validator, new ListMultipartUploadsQuery(Context, "b", MaxUploads: 5000, EncodingType: encoding, RawMaxUploads: "5000"));

    [Fact]
    public void Validate_NegativeMaxUploads_InvalidArgument() =>
        ValidatorAssert.Fails(Validator, new ListMultipartUploadsQuery(Context, "b", MaxUploads: -1, RawMaxUploads: "-1"), "InvalidArgument",
            "Argument max-uploads must be an integer between 0 and 2147483647", "max-uploads", "-1");

    [Theory]
    [InlineData("abc")]
    [InlineData("99999999999")]
    public void Validate_MaxUploadsNotAnInteger_InvalidArgument(string raw) =>
        ValidatorAssert.Fails(Validator, new ListMultipartUploadsQuery(Context, "b", RawMaxUploads: raw), "InvalidArgument",
            "Provided max-uploads not an integer or within integer range", "max-uploads", raw);

    [Fact]
    public void Validate_UnknownEncodingType_InvalidArgument() =>
        ValidatorAssert.Fails(Validator, new ListMultipartUploadsQuery(Context, "b", EncodingType: "URL"), "InvalidArgument",
            "Invalid Encoding Method specified in Request", "encoding-type", "URL");
}
