namespace BleepStore.E2E.Objects;

public sealed class ObjectHeaderTests(BucketFixture fixture) : IClassFixture<BucketFixture>
{
    private readonly IAmazonS3 _s3 = fixture.S3;
    private readonly string _bucket = fixture.Bucket;

    [Fact]
    public async Task PutObject_UserMetadata_ReturnedByHeadAndGet()
    {
        var put = new PutObjectRequest { BucketName = _bucket, Key = "meta.txt", ContentBody = "hello" };
        put.Metadata["author"] = "alice";
        put.Metadata["version"] = "2";
        await _s3.PutObjectAsync(put);

        var head = await _s3.GetObjectMetadataAsync(_bucket, "meta.txt");
        using var get = await _s3.GetObjectAsync(_bucket, "meta.txt");

        foreach (var metadata in new[] { head.Metadata, get.Metadata })
        {
            Assert.Equal("alice", metadata["author"]);
            Assert.Equal("2", metadata["version"]);
        }
    }

    [Fact]
    public async Task PutObject_TextPlain_ContentTypeAndLengthRoundTrip()
    {
        await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket, Key = "hello.txt", ContentBody = "hello, world", ContentType = "text/plain",
        });

        using var get = await _s3.GetObjectAsync(_bucket, "hello.txt");
        using var reader = new StreamReader(get.ResponseStream);

        Assert.Equal("hello, world", await reader.ReadToEndAsync());
        Assert.StartsWith("text/plain", get.Headers.ContentType, StringComparison.Ordinal);
        Assert.Equal(12, get.ContentLength);
    }

    [Fact]
    public async Task PutObject_EntityHeaders_StoredAndReturned()
    {
        var expires = new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var put = new PutObjectRequest
        {
            BucketName = _bucket, Key = "entity.bin", ContentBody = "entity headers", ContentType = "application/x-bleep",
        };
        put.Headers.CacheControl = "max-age=60";
        put.Headers.ContentDisposition = "attachment; filename=\"entity.bin\"";
        put.Headers.ContentEncoding = "gzip";
        put.Headers.ContentLanguage = "en-GB";
        put.Expires = expires.ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        await _s3.PutObjectAsync(put);

        var head = await _s3.GetObjectMetadataAsync(_bucket, "entity.bin");

        Assert.Equal("application/x-bleep", head.Headers.ContentType);
        Assert.Equal("max-age=60", head.Headers.CacheControl);
        Assert.Equal("attachment; filename=\"entity.bin\"", head.Headers.ContentDisposition);
        Assert.Equal("gzip", head.Headers.ContentEncoding);
        Assert.Equal("en-GB", head.Headers.ContentLanguage);
        Assert.Equal("Wed, 02 Jan 2030 03:04:05 GMT", head.ExpiresString);
    }

    [Fact]
    public async Task GetObject_DefaultContentType_IsReturned()
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "untyped", ContentBody = "x" });

        var head = await _s3.GetObjectMetadataAsync(_bucket, "untyped");

        Assert.False(string.IsNullOrEmpty(head.Headers.ContentType));
    }
}
