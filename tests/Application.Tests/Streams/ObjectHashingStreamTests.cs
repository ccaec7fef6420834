using System.Security.Cryptography;
using System.Text;
using BleepStore.Application.Streams;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Tests.Streams;

public sealed class ObjectHashingStreamTests
{
    private static readonly byte[] Data = Encoding.ASCII.GetBytes("123456789");

    private static async Task DrainAsync(Stream s)
    {
        var buffer = new byte[4];
        while (await s.ReadAsync(buffer) > 0)
        {
        }
    }

    private static Dictionary<string, string> Headers(params (string, string)[] pairs)
    {
        var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in pairs)
        {
            d[k] = v;
        }

        return d;
    }

    [Fact]
    public async Task ReadAsync_ToEnd_ExposesMd5ETagLengthAndChecksums()
    {
        var stream = new ObjectHashingStream(new MemoryStream(Data), new ObjectHashingOptions
        {
            ExpectedLength = 9,
            ComputeAlgorithms = [ChecksumAlgorithm.Crc32, ChecksumAlgorithm.Crc64Nvme],
        });

        await DrainAsync(stream);

        Assert.Equal(MD5.HashData(Data), stream.Md5);
        Assert.Equal("\"" + Convert.ToHexStringLower(MD5.HashData(Data)) + "\"", stream.ETag);
        Assert.Equal(9, stream.BytesRead);
        Assert.Equal(
            [new ChecksumValue(ChecksumAlgorithm.Crc32, "y/Q5Jg=="), new ChecksumValue(ChecksumAlgorithm.Crc64Nvme, "rosUhgp5mIg=")],
            stream.Checksums);
    }

    [Fact]
    public void Md5_BeforeEof_Throws()
    {
        var stream = new ObjectHashingStream(new MemoryStream(Data), ObjectHashingOptions.None);

        Assert.Throws<InvalidOperationException>(() => stream.Md5);
    }

    [Fact]
    public async Task ReadAsync_EmptyBody_HasEmptyETag()
    {
        var stream = new ObjectHashingStream(new MemoryStream(), new ObjectHashingOptions { ExpectedLength = 0 });

        await DrainAsync(stream);

        Assert.Equal("\"d41d8cd98f00b204e9800998ecf8427e\"", stream.ETag);
    }

    [Fact]
    public async Task ReadAsync_CorrectContentMd5_Succeeds()
    {
        var stream = new ObjectHashingStream(new MemoryStream(Data), new ObjectHashingOptions { ContentMd5 = Convert.ToBase64String(MD5.HashData(Data)) });

        await DrainAsync(stream);

        Assert.True(stream.Completed);
    }

    [Fact]
    public async Task ReadAsync_WrongContentMd5_ThrowsBadDigestAtEof()
    {
        var stream = new ObjectHashingStream(new MemoryStream(Data), new ObjectHashingOptions { ContentMd5 = "1B2M2Y8AsgTpgAmY7PhCfg==" });
        var buffer = new byte[9];

        Assert.Equal(9, await stream.ReadAsync(buffer));
        var error = await Assert.ThrowsAsync<S3Exception>(() => stream.ReadAsync(buffer).AsTask());
        Assert.Equal("BadDigest", error.Error.Code);
    }

    [Fact]
    public void Constructor_MalformedContentMd5_ThrowsInvalidDigest()
    {
        var error = Assert.Throws<S3Exception>(() => new ObjectHashingStream(new MemoryStream(Data), new ObjectHashingOptions { ContentMd5 = "not-base64!!!" }));

        Assert.Equal("InvalidDigest", error.Error.Code);
    }

    [Fact]
    public async Task ReadAsync_ShorterThanExpected_ThrowsIncompleteBody()
    {
        var stream = new ObjectHashingStream(new MemoryStream(Data), new ObjectHashingOptions { ExpectedLength = 10 });

        Assert.Equal("IncompleteBody", (await Assert.ThrowsAsync<S3Exception>(() => DrainAsync(stream))).Error.Code);
    }

    [Fact]
    public async Task ReadAsync_LongerThanExpected_ThrowsIncompleteBody()
    {
        var stream = new ObjectHashingStream(new MemoryStream(Data), new ObjectHashingOptions { ExpectedLength = 8 });

        Assert.Equal("IncompleteBody", (await Assert.ThrowsAsync<S3Exception>(() => DrainAsync(stream))).Error.Code);
    }

    [Fact]
    public async Task ReadAsync_OverMaxSize_ThrowsEntityTooLargeWhileStreaming()
    {
        var stream = new ObjectHashingStream(new MemoryStream(new byte[100]), new ObjectHashingOptions { MaxSize = 10 });
        var buffer = new byte[8];

        Assert.Equal(8, await stream.ReadAsync(buffer));
        Assert.Equal("EntityTooLarge", (await Assert.ThrowsAsync<S3Exception>(() => stream.ReadAsync(buffer).AsTask())).Error.Code);
    }

    [Fact]
    public void Constructor_DeclaredLengthOverMaxSize_ThrowsEntityTooLarge()
    {
        var error = Assert.Throws<S3Exception>(() => new ObjectHashingStream(new MemoryStream(), new ObjectHashingOptions { ExpectedLength = 11, MaxSize = 10 }));

        Assert.Equal("EntityTooLarge", error.Error.Code);
    }

    [Theory]
    [InlineData(ChecksumAlgorithm.Crc32)]
    [InlineData(ChecksumAlgorithm.Crc32C)]
    [InlineData(ChecksumAlgorithm.Crc64Nvme)]
    [InlineData(ChecksumAlgorithm.Sha1)]
    [InlineData(ChecksumAlgorithm.Sha256)]
    public async Task ReadAsync_MatchingChecksumHeader_Succeeds(ChecksumAlgorithm algorithm)
    {
        var options = ObjectHashingOptions.FromHeaders(Headers((algorithm.HeaderName(), ChecksumHasher.ComputeBase64(algorithm, Data))), 9);
        var stream = new ObjectHashingStream(new MemoryStream(Data), options);

        await DrainAsync(stream);

        Assert.Equal(algorithm, Assert.Single(stream.Checksums).Algorithm);
    }

    [Fact]
    public async Task ReadAsync_MismatchingChecksumHeader_ThrowsBadDigestNamingAlgorithm()
    {
        var options = ObjectHashingOptions.FromHeaders(Headers(("x-amz-checksum-crc32c", ChecksumHasher.ComputeBase64(ChecksumAlgorithm.Crc32C, "other"u8))));
        var stream = new ObjectHashingStream(new MemoryStream(Data), options);

        var error = await Assert.ThrowsAsync<S3Exception>(() => DrainAsync(stream));

        Assert.Equal("BadDigest", error.Error.Code);
        Assert.Equal("The CRC32C you specified did not match the calculated checksum.", error.Message);
    }

    [Fact]
    public async Task ReadAsync_TrailerChecksumMatches_Succeeds()
    {
        var inner = new TrailerStream(Data, new Dictionary<string, string> { ["x-amz-checksum-crc32"] = "y/Q5Jg==" });
        var stream = new ObjectHashingStream(inner, ObjectHashingOptions.FromHeaders(Headers(("x-amz-trailer", "x-amz-checksum-crc32"))));

        await DrainAsync(stream);

        Assert.Equal(new ChecksumValue(ChecksumAlgorithm.Crc32, "y/Q5Jg=="), Assert.Single(stream.Checksums));
    }

    [Fact]
    public async Task ReadAsync_TrailerChecksumWrong_ThrowsBadDigest()
    {
        var inner = new TrailerStream(Data, new Dictionary<string, string> { ["x-amz-checksum-crc32"] = "AAAAAA==" });
        var stream = new ObjectHashingStream(inner, ObjectHashingOptions.FromHeaders(Headers(("x-amz-trailer", "x-amz-checksum-crc32"))));

        Assert.Equal("BadDigest", (await Assert.ThrowsAsync<S3Exception>(() => DrainAsync(stream))).Error.Code);
    }

    [Fact]
    public async Task ReadAsync_TrailerChecksumMissing_ThrowsInvalidRequest()
    {
        var stream = new ObjectHashingStream(new MemoryStream(Data), ObjectHashingOptions.FromHeaders(Headers(("x-amz-trailer", "x-amz-checksum-sha256"))));

        Assert.Equal("InvalidRequest", (await Assert.ThrowsAsync<S3Exception>(() => DrainAsync(stream))).Error.Code);
    }

    [Fact]
    public void FromHeaders_InvalidChecksumValue_ThrowsInvalidRequestWithS3Message()
    {
        var error = Assert.Throws<S3Exception>(() => ObjectHashingOptions.FromHeaders(Headers(("x-amz-checksum-crc32", "not a checksum"))));

        Assert.Equal("InvalidRequest", error.Error.Code);
        Assert.Equal("Value for x-amz-checksum-crc32 header is invalid.", error.Message);
    }

    [Fact]
    public void FromHeaders_ChecksumOfWrongLength_ThrowsInvalidRequest()
    {
        var error = Assert.Throws<S3Exception>(() => ObjectHashingOptions.FromHeaders(Headers(("x-amz-checksum-sha256", "y/Q5Jg=="))));

        Assert.Equal("InvalidRequest", error.Error.Code);
    }

    [Fact]
    public void FromHeaders_TwoChecksumHeaders_ThrowsInvalidRequest()
    {
        var error = Assert.Throws<S3Exception>(() => ObjectHashingOptions.FromHeaders(Headers(("x-amz-checksum-crc32", "y/Q5Jg=="), ("x-amz-checksum-crc32c", "4waSgw=="))));

        Assert.Equal("InvalidRequest", error.Error.Code);
        Assert.StartsWith("Expecting a single x-amz-checksum- header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromHeaders_UnsupportedTrailer_ThrowsInvalidRequest()
    {
        Assert.Equal("InvalidRequest", Assert.Throws<S3Exception>(() => ObjectHashingOptions.FromHeaders(Headers(("x-amz-trailer", "x-amz-meta-foo")))).Error.Code);
    }

    [Fact]
    public void FromHeaders_MalformedContentMd5_ThrowsInvalidDigest()
    {
        Assert.Equal("InvalidDigest", Assert.Throws<S3Exception>(() => ObjectHashingOptions.FromHeaders(Headers(("Content-MD5", "nope")))).Error.Code);
    }

    [Fact]
    public void FromHeaders_SdkAlgorithmOnly_ComputesIt()
    {
        var options = ObjectHashingOptions.FromHeaders(Headers(("x-amz-sdk-checksum-algorithm", "CRC64NVME"), ("x-amz-checksum-type", "FULL_OBJECT")), 9, 100);

        Assert.Equal([ChecksumAlgorithm.Crc64Nvme], options.ComputeAlgorithms);
        Assert.Empty(options.ExpectedChecksums);
        Assert.Equal(9, options.ExpectedLength);
        Assert.Equal(100, options.MaxSize);
    }

    private sealed class TrailerStream(byte[] data, IReadOnlyDictionary<string, string> trailers) : MemoryStream(data), ITrailerSource
    {
        public IReadOnlyDictionary<string, string> Trailers { get; } = trailers;
    }
}
