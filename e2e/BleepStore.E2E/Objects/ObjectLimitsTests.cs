using System.Net;

namespace BleepStore.E2E.Objects;

/// <summary>Key length, user-metadata size and storage class, as S3 answers them.</summary>
public sealed class ObjectLimitsTests(BucketFixture fixture) : IClassFixture<BucketFixture>
{
    private readonly IAmazonS3 _s3 = fixture.S3;
    private readonly string _bucket = fixture.Bucket;

    [Fact]
    public async Task Key1024Bytes_RoundTrips()
    {
        var key = "k/" + new string('é', 511); // 2 + 511 × 2 = 1024 UTF-8 bytes

        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = "long key" });

        var listed = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = "k/" });
        Assert.Contains(key, (listed.S3Objects ?? []).Select(o => o.Key));
        using var get = await _s3.GetObjectAsync(_bucket, key);
        Assert.Equal(8, get.ContentLength);
    }

    [Fact]
    public async Task Key1025Bytes_FailsKeyTooLongError()
    {
        var key = "k/" + new string('x', 1023);

        await S3Assert.FailsWithAsync("KeyTooLongError", HttpStatusCode.BadRequest,
            () => _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = "too long" }));
    }

    [Fact]
    public async Task UserMetadataUnder2KB_Stored()
    {
        var put = new PutObjectRequest { BucketName = _bucket, Key = "meta/under", ContentBody = "x" };
        put.Metadata["big"] = new string('m', 1900);

        await _s3.PutObjectAsync(put);

        var head = await _s3.GetObjectMetadataAsync(_bucket, "meta/under");
        Assert.Equal(1900, head.Metadata["big"].Length);
    }

    [Fact]
    public async Task UserMetadataOver2KB_FailsMetadataTooLarge()
    {
        var put = new PutObjectRequest { BucketName = _bucket, Key = "meta/over", ContentBody = "x" };
        put.Metadata["a"] = new string('m', 1500);
        put.Metadata["b"] = new string('n', 1000);

        await S3Assert.FailsWithAsync("MetadataTooLarge", HttpStatusCode.BadRequest, () => _s3.PutObjectAsync(put));
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => _s3.GetObjectMetadataAsync(_bucket, "meta/over"));
    }

    [Theory]
    [InlineData("STANDARD_IA")]
    [InlineData("REDUCED_REDUNDANCY")]
    [InlineData("ONEZONE_IA")]
    public async Task StorageClass_StoredAndReturnedByHeadGetAndList(string storageClass)
    {
        var key = "sc/" + storageClass;
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = "x", StorageClass = storageClass });

        var head = await _s3.GetObjectMetadataAsync(_bucket, key);
        using var get = await _s3.GetObjectAsync(_bucket, key);
        var listed = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = key });

        Assert.Equal(storageClass, head.StorageClass?.Value);
        Assert.Equal(storageClass, get.StorageClass?.Value);
        Assert.Equal(storageClass, Assert.Single(listed.S3Objects ?? []).StorageClass?.Value);
    }

    [Fact]
    public async Task StandardStorageClass_ListedAsStandard()
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "sc/default", ContentBody = "x" });

        var listed = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = "sc/default" });

        Assert.Equal("STANDARD", Assert.Single(listed.S3Objects ?? []).StorageClass?.Value);
    }

    [Fact]
    public async Task RangeOnEmptyObject_Returns416()
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "empty", ContentBody = string.Empty });

        await S3Assert.FailsWithAsync("InvalidRange", HttpStatusCode.RequestedRangeNotSatisfiable,
            () => _s3.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = "empty", ByteRange = new ByteRange(0, 0) }));
    }
}
