using System.Text;
using BleepStore.Application.Streams;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Tests.Streams;

public sealed class AwsChunkedDecodingStreamTests
{
    private static async Task<string> DecodeAsync(string body, long? decodedLength = null, int bufferSize = 4096)
    {
        using var stream = new AwsChunkedDecodingStream(new MemoryStream(Encoding.ASCII.GetBytes(body)), decodedLength);
        var result = new MemoryStream();
        var buffer = new byte[bufferSize];
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            result.Write(buffer, 0, n);
        }

        return Encoding.ASCII.GetString(result.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public async Task ReadAsync_UnsignedTrailerForm_DecodesAndExposesTrailers(int bufferSize)
    {
        const string body = "5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n";
        using var stream = new AwsChunkedDecodingStream(new MemoryStream(Encoding.ASCII.GetBytes(body)), 11);
        var result = new MemoryStream();
        var buffer = new byte[bufferSize];
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            result.Write(buffer, 0, n);
        }

        Assert.Equal("hello world", Encoding.ASCII.GetString(result.ToArray()));
        Assert.Equal("DUoRhQ==", stream.Trailers["x-amz-checksum-crc32"]);
        Assert.Equal(11, stream.DecodedBytes);
    }

    [Fact]
    public async Task ReadAsync_SignedFormWithoutChain_IgnoresSignatures()
    {
        var sig = new string('a', 64);

        Assert.Equal("abc", await DecodeAsync($"3;chunk-signature={sig}\r\nabc\r\n0;chunk-signature={sig}\r\n\r\n", 3));
    }

    [Fact]
    public async Task ReadAsync_MissingFinalCrlf_IsTolerated()
    {
        Assert.Equal("abc", await DecodeAsync("3\r\nabc\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n"));
    }

    [Fact]
    public async Task Read_Synchronous_Decodes()
    {
        using var stream = new AwsChunkedDecodingStream(new MemoryStream("3\r\nabc\r\n0\r\n\r\n"u8.ToArray()), 3);
        using var reader = new StreamReader(stream);

        Assert.Equal("abc", reader.ReadToEnd());
    }

    [Theory]
    [InlineData("5\r\nhel")]
    [InlineData("5\r\nhello\r\n")]
    [InlineData("5\r\nhello")]
    [InlineData("")]
    [InlineData("5\r\nhello\r\n0")]
    public async Task ReadAsync_Truncated_ThrowsIncompleteBody(string body)
    {
        var error = await Assert.ThrowsAsync<S3Exception>(() => DecodeAsync(body));

        Assert.Equal("IncompleteBody", error.Error.Code);
    }

    [Theory]
    [InlineData("zz\r\nhello\r\n")]
    [InlineData("5\r\nhelloXX0\r\n\r\n")]
    [InlineData(";chunk-signature=x\r\n")]
    [InlineData("0\r\nno-colon-here\r\n\r\n")]
    public async Task ReadAsync_MalformedFraming_ThrowsInvalidRequest(string body)
    {
        var error = await Assert.ThrowsAsync<S3Exception>(() => DecodeAsync(body));

        Assert.Equal("InvalidRequest", error.Error.Code);
    }

    [Fact]
    public async Task ReadAsync_EndlessHeaderLine_ThrowsWithBoundedBuffer()
    {
        var error = await Assert.ThrowsAsync<S3Exception>(() => DecodeAsync(new string('1', 20000)));

        Assert.Equal("InvalidRequest", error.Error.Code);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public async Task ReadAsync_DecodedLengthMismatch_ThrowsIncompleteBody(long declared)
    {
        var error = await Assert.ThrowsAsync<S3Exception>(() => DecodeAsync("3\r\nabc\r\n0\r\n\r\n", declared));

        Assert.Equal("IncompleteBody", error.Error.Code);
    }

    [Fact]
    public async Task ReadAsync_LargeChunks_DecodesExactly()
    {
        var data = new byte[300_000];
        new Random(1).NextBytes(data);
        var body = new MemoryStream();
        var position = 0;
        foreach (var size in new[] { 131072, 131072, 37856 })
        {
            body.Write(Encoding.ASCII.GetBytes($"{size:x}\r\n"));
            body.Write(data, position, size);
            body.Write("\r\n"u8);
            position += size;
        }

        body.Write("0\r\n\r\n"u8);
        body.Position = 0;
        using var stream = new AwsChunkedDecodingStream(body, data.Length);
        var result = new MemoryStream();
        await stream.CopyToAsync(result, 65536);

        Assert.Equal(data, result.ToArray());
    }
}
