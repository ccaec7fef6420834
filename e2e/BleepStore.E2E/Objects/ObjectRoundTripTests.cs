using System.Net;

namespace BleepStore.E2E.Objects;

public sealed class ObjectRoundTripTests(BucketFixture fixture) : IClassFixture<BucketFixture>
{
    private readonly IAmazonS3 _s3 = fixture.S3;
    private readonly string _bucket = fixture.Bucket;

    [Theory]
    [InlineData(0L)]
    [InlineData(1L * Digests.MiB)]
    [InlineData(100L * Digests.MiB)]
    public async Task PutGetHeadDelete_DefaultSdk_RoundTripsBytes(long size)
    {
        var key = $"roundtrip/{size}.bin";
        var seed = (ulong)size + 11;
        var sentMd5 = await Digests.PatternMd5Async(size, seed);

        var put = await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            InputStream = new PatternStream(size, seed),
            ContentType = "application/octet-stream",
        });
        S3Assert.EtagIsMd5(sentMd5, put.ETag);

        var head = await _s3.GetObjectMetadataAsync(_bucket, key);
        Assert.Equal(size, head.ContentLength);
        S3Assert.EtagIsMd5(sentMd5, head.ETag);
        Assert.NotNull(head.LastModified);

        using (var get = await _s3.GetObjectAsync(_bucket, key))
        {
            Assert.Equal(size, get.ContentLength);
            var (receivedMd5, receivedLength) = await Digests.Md5Async(get.ResponseStream);
            Assert.Equal(size, receivedLength);
            Assert.Equal(sentMd5, receivedMd5);
        }

        var deleted = await _s3.DeleteObjectAsync(_bucket, key);
        Assert.Equal(HttpStatusCode.NoContent, deleted.HttpStatusCode);
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => _s3.GetObjectMetadataAsync(_bucket, key));
        await S3Assert.FailsWithAsync("NoSuchKey", HttpStatusCode.NotFound, () => _s3.GetObjectAsync(_bucket, key));
    }

    [Fact]
    public async Task PutObject_ZeroBytes_HasEmptyMd5Etag()
    {
        var put = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "empty", ContentBody = string.Empty });

        Assert.Equal("\"d41d8cd98f00b204e9800998ecf8427e\"", put.ETag);
        var head = await _s3.GetObjectMetadataAsync(_bucket, "empty");
        Assert.Equal(0, head.ContentLength);
    }

    [Fact]
    public async Task PutObject_Overwrite_LastWriteWins()
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "overwrite.txt", ContentBody = "first version" });
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "overwrite.txt", ContentBody = "second" });

        Assert.Equal("second", await ReadTextAsync("overwrite.txt"));
    }

    [Fact]
    public async Task PutObject_NestedKey_RoundTrips()
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "a/b/c/file.txt", ContentBody = "nested" });

        Assert.Equal("nested", await ReadTextAsync("a/b/c/file.txt"));
    }

    [Fact]
    public async Task GetObject_MissingKey_FailsNoSuchKey()
    {
        await S3Assert.FailsWithAsync("NoSuchKey", HttpStatusCode.NotFound, () => _s3.GetObjectAsync(_bucket, "never-written"));
    }

    [Fact]
    public async Task HeadObject_MissingKey_Returns404()
    {
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => _s3.GetObjectMetadataAsync(_bucket, "never-written"));
    }

    [Fact]
    public async Task DeleteObject_NeverExisted_Returns204()
    {
        var deleted = await _s3.DeleteObjectAsync(_bucket, "never-written");

        Assert.Equal(HttpStatusCode.NoContent, deleted.HttpStatusCode);
    }

    private async Task<string> ReadTextAsync(string key)
    {
        using var get = await _s3.GetObjectAsync(_bucket, key);
        using var reader = new StreamReader(get.ResponseStream);
        return await reader.ReadToEndAsync();
    }
}
