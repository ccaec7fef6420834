namespace BleepStore.E2E.Objects;

/// <summary>Keys that need percent-encoding in the path and in SigV4's canonical URI survive PUT, GET, HEAD and listing.</summary>
public sealed class KeyEncodingTests(BucketFixture fixture) : IClassFixture<BucketFixture>
{
    private readonly IAmazonS3 _s3 = fixture.S3;
    private readonly string _bucket = fixture.Bucket;

    public static TheoryData<string> Keys => new()
    {
        "with space.txt",
        "plus+sign.txt",
        "percent%20literal.txt",
        "percent%zz.txt",
        "unicode/ключ/日本語/é.txt",
        "emoji-🙂.bin",
        "symbols !$&'()*,;=@[]~.txt",
        "query?like=1&x#frag",
        "double//slash",
        "trailing-slash/",
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task PutGetHeadList_SpecialKey_RoundTrips(string key)
    {
        var body = "body of " + key;
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = body });

        using (var get = await _s3.GetObjectAsync(_bucket, key))
        using (var reader = new StreamReader(get.ResponseStream))
        {
            Assert.Equal(body, await reader.ReadToEndAsync());
        }

        var head = await _s3.GetObjectMetadataAsync(_bucket, key);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(body), head.ContentLength);

        var listed = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = key });
        Assert.Contains(key, (listed.S3Objects ?? []).Select(o => o.Key));
    }

    [Fact]
    public async Task KeyAndKeyWithSlash_Coexist()
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "coexist/a", ContentBody = "file a" });
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "coexist/a/b", ContentBody = "file a/b" });
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "coexist/a/", ContentBody = "dir marker" });

        var listed = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = "coexist/" });

        Assert.Equal(["coexist/a", "coexist/a/", "coexist/a/b"], (listed.S3Objects ?? []).Select(o => o.Key));
        using var get = await _s3.GetObjectAsync(_bucket, "coexist/a");
        using var reader = new StreamReader(get.ResponseStream);
        Assert.Equal("file a", await reader.ReadToEndAsync());
    }
}
