using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Validation;
using BleepStore.Application.Uploads.UploadPart;
using BleepStore.Domain.Access;

namespace BleepStore.Application.Tests.Uploads.UploadPart;

public sealed class UploadPartValidatorTests
{
    private static readonly UploadPartValidator Validator = new();

    private static UploadPartCommand Command(int partNumber, string? raw) => new()
    {
        Context = S3RequestContext.Trusted(new Owner("o", "o")), Bucket = "b", Key = "k", UploadId = "u",
        PartNumber = partNumber, RawPartNumber = raw, Body = Stream.Null, ContentLength = 0,
    };

    [Fact]
    public void HasInput_PlainPart_StillChecksThePartNumber() => Assert.True(Validator.HasInput(Command(1, "1")));

    [Theory]
    [InlineData(1)]
    [InlineData(10000)]
    public void Validate_PartNumberAtBounds_Passes(int partNumber) => ValidatorAssert.Passes(Validator, Command(partNumber, null));

    [Theory]
    [InlineData(0, null, "0")]
    [InlineData(-1, "-1", "-1")]
    [InlineData(10001, "10001", "10001")]
    [InlineData(0, "abc", "abc")]
    [InlineData(0, "", "")]
    [InlineData(0, "99999999999", "99999999999")]
    public void Validate_PartNumberOutside1To10000_InvalidArgumentEchoingTheValueAsSent(int partNumber, string? raw, string echoed) =>
        ValidatorAssert.Fails(Validator, Command(partNumber, raw), "InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive", "partNumber", echoed);

    [Fact]
    public void Validate_NoLengthAndBadPartNumber_MissingContentLengthFirst()
    {
        var command = Command(0, "0");
        command.ContentLength = null;
        ValidatorAssert.Fails(Validator, command, "MissingContentLength");
    }
}
