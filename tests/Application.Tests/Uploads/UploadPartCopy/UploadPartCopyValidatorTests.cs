using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Validation;
using BleepStore.Application.Uploads.UploadPartCopy;
using BleepStore.Domain.Access;

namespace BleepStore.Application.Tests.Uploads.UploadPartCopy;

public sealed class UploadPartCopyValidatorTests
{
    private static readonly UploadPartCopyValidator Validator = new();

    private static UploadPartCopyCommand Command(int partNumber, string? raw) => new()
    {
        Context = S3RequestContext.Trusted(new Owner("o", "o")), Bucket = "b", Key = "k", UploadId = "u",
        PartNumber = partNumber, RawPartNumber = raw, CopySource = "src/key",
    };

    [Theory]
    [InlineData(1)]
    [InlineData(10000)]
    public void Validate_PartNumberAtBounds_Passes(int partNumber) => ValidatorAssert.Passes(Validator, Command(partNumber, null));

    [Theory]
    [InlineData(0, null, "0")]
    [InlineData(10001, "10001", "10001")]
    [InlineData(0, "x", "x")]
    public void Validate_PartNumberOutside1To10000_InvalidArgument(int partNumber, string? raw, string echoed) =>
        ValidatorAssert.Fails(Validator, Command(partNumber, raw), "InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive", "partNumber", echoed);
}
