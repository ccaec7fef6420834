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
        "crc32c-header",
        "crc64nvme-header",
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
        var client = await ConfigureAsync(variant, request, seed) ? whenRequired : _s3;

        var put = await client.PutObjectAsync(request);

        S3Assert.EtagIsMd5(expected, put.ETag);
        using var get = await _s3.GetObjectAsync(_bucket, key);
        var (md5, length) = await Digests.Md5Async(get.ResponseStream);
        Assert.Equal(Size, length);
        Assert.Equal(expected, md5);
    }

    [Theory]
    [InlineData("crc32")]
    [InlineData("crc32c")]
    [InlineData("crc64nvme")]
    [InlineData("sha256")]
    public async Task PutObject_WrongChecksum_FailsBadDigest_AndStoresNothing(string algorithm)
    {
        var key = "wrong-checksum-" + algorithm;
        var request = new PutObjectRequest { BucketName = _bucket, Key = key, InputStream = new PatternStream(4096, 5) };
        switch (algorithm)
        {
            case "crc32": request.ChecksumCRC32 = "AAAAAA=="; break;
            case "crc32c": request.ChecksumCRC32C = "AAAAAA=="; break;
            case "crc64nvme": request.ChecksumCRC64NVME = "AAAAAAAAAAA="; break;
            default: request.ChecksumSHA256 = Convert.ToBase64String(new byte[32]); break;
        }

        await S3Assert.FailsWithAsync("BadDigest", HttpStatusCode.BadRequest, () => _s3.PutObjectAsync(request));
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => _s3.GetObjectMetadataAsync(_bucket, key));
    }

    /// <summary>Applies the variant; returns true when it needs the WHEN_REQUIRED client.</summary>
    private static async Task<bool> ConfigureAsync(string variant, PutObjectRequest request, ulong seed)
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
            // The SDK computes CRC32C/CRC64NVME only with its native CRT package; send precomputed values instead.
            case "crc32c-header":
                request.ChecksumCRC32C = await Crc.Crc32CBase64Async(new PatternStream(Size, seed));
                return false;
            case "crc64nvme-header":
                request.ChecksumCRC64NVME = await Crc.Crc64NvmeBase64Async(new PatternStream(Size, seed));
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
