using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Validation;
using BleepStore.Application.Uploads.CompleteMultipartUpload;
using BleepStore.Domain.Access;

namespace BleepStore.Application.Tests.Uploads.CompleteMultipartUpload;

public sealed class CompleteMultipartUploadValidatorTests
{
    private static readonly CompleteMultipartUploadValidator Validator = new();

    private static CompleteMultipartUploadCommand Command(string uploadId) => new()
    {
        Context = S3RequestContext.Trusted(new Owner("o", "o")),
        Bucket = "b",
        Key = "k",
        UploadId = uploadId,
        Parts = RequestDocument<IReadOnlyList<(int PartNumber, string ETag)>>.FromValue([]),
    };

    [Fact]
    public void Validate_UploadIdGiven_Passes() => ValidatorAssert.Passes(Validator, Command("6b0b7a1e8d614b1c9f0a6d2b1c0e7f3a"));

    [Fact]
    public void Validate_EmptyUploadId_InvalidArgument()
    {
        var error = ValidatorAssert.Fails(Validator, Command(""), "InvalidArgument", "This operation requires an uploadId.", "uploadId", "");
        Assert.Equal(400, error.Error.HttpStatus);
    }
}
