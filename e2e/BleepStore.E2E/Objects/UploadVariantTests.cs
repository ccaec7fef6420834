using System.Net;

namespace BleepStore.E2E.Objects;

/// <summary>The body encodings and checksum forms that AWSSDK.S3 produces for one PutObject, each read back intact.</summary>
public sealed class UploadVariantTests(BucketFixture fixture) : IClassFixture<BucketFixture>
{
    private const long Size = 1L * Digests.MiB + 321;

    private readonly IAmazonS3 _s3 = fixture.S3;
    private readonly string _bucket = fixture.Bucket;

    public static TheoryData<string> Variants => new()
    {
        "default-chunked-crc32-trailer",
        "no-chunk-encoding",
        "checksum-when-required",
        "when-required-no-chunk-encoding",
        "crc32c-trailer",
        "crc64nvme-trailer",
        "sha1-trailer",
        "sha256-trailer",
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task PutObject_Variant_StoresExactBytes(string variant)
    {
        var key = "variant/" + variant;
        var seed = (ulong)variant.Length * 7919;
        var expected = await Digests.PatternMd5Async(Size, seed);
        var request = new PutObjectRequest { BucketName = _bucket, Key = key, InputStream = new PatternStream(Size, seed) };
        using var whenRequired = S3Clients.ChecksumWhenRequired();
        var client = Configure(variant, request) ? whenRequired : _s3;

        var put = await client.PutObjectAsync(request);

        S3Assert.EtagIsMd5(expected, put.ETag);
        using var get = await _s3.GetObjectAsync(_bucket, key);
        var (md5, length) = await Digests.Md5Async(get.ResponseStream);
        Assert.Equal(Size, length);
        Assert.Equal(expected, md5);
    }

    [Fact]
    public async Task PutObject_WrongCrc32_FailsBadDigest_AndStoresNothing()
    {
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = "wrong-crc32",
            InputStream = new PatternStream(4096, 5),
            ChecksumAlgorithm = ChecksumAlgorithm.CRC32,
            ChecksumCRC32 = "AAAAAA==",
        };

        await S3Assert.FailsWithAsync("BadDigest", HttpStatusCode.BadRequest, () => _s3.PutObjectAsync(request));
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => _s3.GetObjectMetadataAsync(_bucket, "wrong-crc32"));
    }

    /// <summary>Applies the variant; returns true when it needs the WHEN_REQUIRED client.</summary>
    private static bool Configure(string variant, PutObjectRequest request)
    {
        switch (variant)
        {
            case "no-chunk-encoding":
                request.UseChunkEncoding = false;
                return false;
            case "checksum-when-required":
                return true;
            case "when-required-no-chunk-encoding":
                request.UseChunkEncoding = false;
                return true;
            case "crc32c-trailer":
                request.ChecksumAlgorithm = ChecksumAlgorithm.CRC32C;
                return false;
            case "crc64nvme-trailer":
                request.ChecksumAlgorithm = ChecksumAlgorithm.CRC64NVME;
                return false;
            case "sha1-trailer":
                request.ChecksumAlgorithm = ChecksumAlgorithm.SHA1;
                return false;
            case "sha256-trailer":
                request.ChecksumAlgorithm = ChecksumAlgorithm.SHA256;
                return false;
            default:
                return false;
        }
    }
}
