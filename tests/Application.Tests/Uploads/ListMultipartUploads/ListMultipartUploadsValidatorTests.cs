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
        ValidatorAssert.Passes(Validator, new ListMultipartUploadsQuery(Context, "b", MaxUploads: -1, EncodingType: encoding));

    [Fact]
    public void Validate_UnknownEncodingType_InvalidArgument() =>
        ValidatorAssert.Fails(Validator, new ListMultipartUploadsQuery(Context, "b", EncodingType: "URL"), "InvalidArgument",
            "Invalid Encoding Method specified in Request", "encoding-type", "URL");
}
