using BleepStore.Application.Objects.PutObject;
using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Validation;

namespace BleepStore.Application.Tests.Objects.PutObject;

public sealed class PutObjectValidatorTests
{
    private static readonly PutObjectValidator Validator = new();

    private static PutObjectCommand Command(long? length, string? transferEncoding = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (transferEncoding is not null)
        {
            headers["Transfer-Encoding"] = transferEncoding;
        }

        var context = new S3RequestContext { Http = new HttpRequestFacts { Method = "PUT", RawPath = "/b/k", RawQuery = "", Headers = headers } };
        return new PutObjectCommand { Context = context, Bucket = "b", Key = "k", Body = Stream.Null, ContentLength = length };
    }

    [Theory]
    [InlineData(0L, null)]
    [InlineData(5L, "chunked")]
    [InlineData(5L, " Chunked ")]
    public void Validate_DeclaredLengthAndNoOtherCoding_Passes(long length, string? transferEncoding) =>
        ValidatorAssert.Passes(Validator, Command(length, transferEncoding));

    [Fact]
    public void HasInput_LengthAndNoTransferCoding_SkippedByThePipeline() => ValidatorAssert.Skips(Validator, Command(4096));

    [Fact]
    public void HasInput_ChunkedWithLength_Checked() => Assert.True(Validator.HasInput(Command(5, "chunked")));

    [Fact]
    public void Validate_InProcessWithLength_Passes() =>
        ValidatorAssert.Passes(Validator, new PutObjectCommand { Context = S3RequestContext.Trusted(new("o", "o")), Bucket = "b", Key = "k", Body = Stream.Null, ContentLength = 1 });

    [Theory]
    [InlineData("chunked")]
    [InlineData("CHUNKED")]
    public void Validate_ChunkedWithoutLength_PassesAndIsStreamed(string transferEncoding) =>
        ValidatorAssert.Passes(Validator, Command(null, transferEncoding));

    [Fact]
    public void Validate_NoLength_MissingContentLength411()
    {
        var error = ValidatorAssert.Fails(Validator, Command(null), "MissingContentLength", "You must provide the Content-Length HTTP header.");
        Assert.Equal(411, error.Error.HttpStatus);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("gzip, chunked")]
    public void Validate_OtherTransferCoding_InvalidRequestNamingIt(string transferEncoding) =>
        ValidatorAssert.Fails(Validator, Command(null, transferEncoding), "InvalidRequest", $"Unsupported Transfer-Encoding: {transferEncoding}");
}
