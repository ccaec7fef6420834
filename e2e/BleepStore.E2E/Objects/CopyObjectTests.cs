using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace BleepStore.E2E.Objects;

/// <summary>CopyObject through AWSSDK.S3 and raw copy-source headers (presigned PUT + x-amz-copy-source).</summary>
public sealed class CopyObjectTests(BucketFixture fixture) : IClassFixture<BucketFixture>, IDisposable
{
    private readonly IAmazonS3 _s3 = fixture.S3;
    private readonly string _bucket = fixture.Bucket;
    private readonly RawHttp _raw = new(fixture.S3);

    [Fact]
    public async Task CopyObject_DefaultDirective_CopiesBytesMetadataAndContentHeaders()
    {
        var source = await PutSourceAsync("copy/src-default.txt", "copy me");

        var copy = await _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = _bucket, SourceKey = source, DestinationBucket = _bucket, DestinationKey = "copy/dst-default.txt",
        });

        Assert.Equal("\"" + Md5Hex("copy me") + "\"", copy.ETag);
        var head = await _s3.GetObjectMetadataAsync(_bucket, "copy/dst-default.txt");
        Assert.Equal("text/x-source", head.Headers.ContentType);
        Assert.Equal("no-cache", head.Headers.CacheControl);
        Assert.Equal("source", head.Metadata["origin"]);
        Assert.Equal("copy me", await ReadAsync("copy/dst-default.txt"));
    }

    [Fact]
    public async Task CopyObject_ReplaceDirective_TakesMetadataFromRequest()
    {
        var source = await PutSourceAsync("copy/src-replace.txt", "replace me");
        var request = new CopyObjectRequest
        {
            SourceBucket = _bucket, SourceKey = source, DestinationBucket = _bucket, DestinationKey = "copy/dst-replace.txt",
            MetadataDirective = S3MetadataDirective.REPLACE, ContentType = "application/x-replaced",
        };
        request.Metadata["origin"] = "request";
        request.Metadata["extra"] = "yes";

        await _s3.CopyObjectAsync(request);

        var head = await _s3.GetObjectMetadataAsync(_bucket, "copy/dst-replace.txt");
        Assert.Equal("application/x-replaced", head.Headers.ContentType);
        Assert.Equal("request", head.Metadata["origin"]);
        Assert.Equal("yes", head.Metadata["extra"]);
        Assert.Null(head.Headers.CacheControl);
        Assert.Equal("replace me", await ReadAsync("copy/dst-replace.txt"));
    }

    [Theory]
    [InlineData("copy/with space+plus%percent?q#hash 🙂.txt", false)]
    [InlineData("copy/with space+plus%percent?q#hash 🙂.txt", true)]
    [InlineData("copy/ключ/日本語.txt", true)]
    public async Task CopyObject_RawCopySource_UrlEncodedWithOrWithoutLeadingSlash(string key, bool leadingSlash)
    {
        await PutSourceAsync(key, "special " + key);
        var dest = "copy/raw-dest-" + (leadingSlash ? "slash" : "noslash") + "-" + Guid.NewGuid().ToString("N")[..6];
        var copySource = (leadingSlash ? "/" : string.Empty) + _bucket + "/" + Uri.EscapeDataString(key).Replace("%2F", "/", StringComparison.Ordinal);

        using var response = await _raw.SendAsync(HttpMethod.Put, _bucket, dest, [("x-amz-copy-source", copySource)], new ByteArrayContent([]));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.Contains("CopyObjectResult", body, StringComparison.Ordinal);
        Assert.Contains(Md5Hex("special " + key), body, StringComparison.Ordinal);
        Assert.Equal("special " + key, await ReadAsync(dest));
    }

    [Fact]
    public async Task CopyObject_SdkSpecialKeys_RoundTrip()
    {
        const string key = "copy/sdk src ?#+%🙂.txt";
        await PutSourceAsync(key, "sdk special");

        await _s3.CopyObjectAsync(_bucket, key, _bucket, "copy/sdk dst ?#+%🙂.txt");

        Assert.Equal("sdk special", await ReadAsync("copy/sdk dst ?#+%🙂.txt"));
    }

    [Fact]
    public async Task CopyObject_SourceConditions_EachFailureIs412_AndSuccessesCopy()
    {
        var source = await PutSourceAsync("copy/src-cond.txt", "conditional");
        var etag = "\"" + Md5Hex("conditional") + "\"";
        var past = DateTime.UtcNow.AddDays(-1);
        var future = DateTime.UtcNow.AddDays(1);

        CopyObjectRequest Copy(string dest) => new() { SourceBucket = _bucket, SourceKey = source, DestinationBucket = _bucket, DestinationKey = dest };

        await S3Assert.FailsWithAsync("PreconditionFailed", HttpStatusCode.PreconditionFailed,
            () => _s3.CopyObjectAsync(With(Copy("copy/c1"), r => r.ETagToMatch = "\"0123456789abcdef0123456789abcdef\"")));
        await S3Assert.FailsWithAsync("PreconditionFailed", HttpStatusCode.PreconditionFailed,
            () => _s3.CopyObjectAsync(With(Copy("copy/c2"), r => r.ETagToNotMatch = etag)));
        await S3Assert.FailsWithAsync("PreconditionFailed", HttpStatusCode.PreconditionFailed,
            () => _s3.CopyObjectAsync(With(Copy("copy/c3"), r => r.ModifiedSinceDate = future)));
        await S3Assert.FailsWithAsync("PreconditionFailed", HttpStatusCode.PreconditionFailed,
            () => _s3.CopyObjectAsync(With(Copy("copy/c4"), r => r.UnmodifiedSinceDate = past)));
        await AssertMissingAsync("copy/c1", "copy/c2", "copy/c3", "copy/c4");

        await _s3.CopyObjectAsync(With(Copy("copy/ok1"), r => r.ETagToMatch = etag));
        await _s3.CopyObjectAsync(With(Copy("copy/ok2"), r => r.ETagToNotMatch = "\"0123456789abcdef0123456789abcdef\""));
        await _s3.CopyObjectAsync(With(Copy("copy/ok3"), r => r.ModifiedSinceDate = past));
        await _s3.CopyObjectAsync(With(Copy("copy/ok4"), r => r.UnmodifiedSinceDate = future));
        // If-Match true wins over a false If-Unmodified-Since (S3's precedence).
        await _s3.CopyObjectAsync(With(Copy("copy/ok5"), r => { r.ETagToMatch = etag; r.UnmodifiedSinceDate = past; }));
        foreach (var key in new[] { "copy/ok1", "copy/ok2", "copy/ok3", "copy/ok4", "copy/ok5" })
        {
            Assert.Equal("conditional", await ReadAsync(key));
        }
    }

    [Fact]
    public async Task CopyObject_OntoItselfWithoutReplace_FailsInvalidRequest()
    {
        var source = await PutSourceAsync("copy/self.txt", "self");

        await S3Assert.FailsWithAsync("InvalidRequest", HttpStatusCode.BadRequest,
            () => _s3.CopyObjectAsync(_bucket, source, _bucket, source));
    }

    [Fact]
    public async Task CopyObject_OntoItselfWithReplace_UpdatesMetadataKeepsBytes()
    {
        var source = await PutSourceAsync("copy/self-replace.txt", "self replace");
        var request = new CopyObjectRequest
        {
            SourceBucket = _bucket, SourceKey = source, DestinationBucket = _bucket, DestinationKey = source,
            MetadataDirective = S3MetadataDirective.REPLACE, ContentType = "text/x-new",
        };
        request.Metadata["origin"] = "replaced";

        await _s3.CopyObjectAsync(request);

        var head = await _s3.GetObjectMetadataAsync(_bucket, source);
        Assert.Equal("replaced", head.Metadata["origin"]);
        Assert.Equal("text/x-new", head.Headers.ContentType);
        Assert.Equal("self replace", await ReadAsync(source));
    }

    [Fact]
    public async Task CopyObject_MissingSource_FailsNoSuchKey()
    {
        await S3Assert.FailsWithAsync("NoSuchKey", HttpStatusCode.NotFound,
            () => _s3.CopyObjectAsync(_bucket, "copy/does-not-exist", _bucket, "copy/never"));
    }

    [Fact]
    public async Task CopyObject_AcrossBuckets_CopiesLargeObject()
    {
        const long size = 24L * Digests.MiB;
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "copy/large.bin", InputStream = new PatternStream(size, 77) });
        var other = BucketNames.New();
        await _s3.PutBucketAsync(other);
        try
        {
            await _s3.CopyObjectAsync(_bucket, "copy/large.bin", other, "copied.bin");

            using var get = await _s3.GetObjectAsync(other, "copied.bin");
            var (md5, length) = await Digests.Md5Async(get.ResponseStream);
            Assert.Equal(size, length);
            Assert.Equal(await Digests.PatternMd5Async(size, 77), md5);
        }
        finally
        {
            await BucketCleaner.DeleteBucketAndContentsAsync(_s3, other);
        }
    }

    public void Dispose() => _raw.Dispose();

    private static T With<T>(T request, Action<T> change)
    {
        change(request);
        return request;
    }

    private static string Md5Hex(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));

    private async Task<string> PutSourceAsync(string key, string body)
    {
        var put = new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = body, ContentType = "text/x-source" };
        put.Headers.CacheControl = "no-cache";
        put.Metadata["origin"] = "source";
        await _s3.PutObjectAsync(put);
        return key;
    }

    private async Task<string> ReadAsync(string key)
    {
        using var get = await _s3.GetObjectAsync(_bucket, key);
        using var reader = new StreamReader(get.ResponseStream);
        return await reader.ReadToEndAsync();
    }

    private async Task AssertMissingAsync(params string[] keys)
    {
        foreach (var key in keys)
        {
            await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => _s3.GetObjectMetadataAsync(_bucket, key));
        }
    }
}
