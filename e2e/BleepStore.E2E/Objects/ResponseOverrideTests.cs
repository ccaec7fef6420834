using System.Net;
using Amazon;

namespace BleepStore.E2E.Objects;

/// <summary>response-* query parameters override the stored headers, on a signed GET and on a presigned URL.</summary>
public sealed class ResponseOverrideTests(BucketFixture fixture) : IClassFixture<BucketFixture>, IDisposable
{
    private readonly IAmazonS3 _s3 = fixture.S3;
    private readonly string _bucket = fixture.Bucket;
    private readonly RawHttp _raw = new(fixture.S3);

    private static ResponseHeaderOverrides Overrides() => new()
    {
        ContentType = "application/x-override",
        ContentLanguage = "fr-CA",
        Expires = "Thu, 01 Jan 2037 00:00:00 GMT",
        CacheControl = "no-store",
        ContentDisposition = "attachment; filename=\"over ride.txt\"",
        ContentEncoding = "identity",
    };

    [Fact]
    public async Task SignedGet_ResponseOverrides_ReplaceHeaders()
    {
        await PutAsync("override/signed.txt");

        using var get = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = "override/signed.txt", ResponseHeaderOverrides = Overrides() });

        Assert.Equal("application/x-override", get.Headers.ContentType);
        Assert.Equal("fr-CA", get.Headers.ContentLanguage);
        Assert.Equal("no-store", get.Headers.CacheControl);
        Assert.Equal("attachment; filename=\"over ride.txt\"", get.Headers.ContentDisposition);
        Assert.Equal("identity", get.Headers.ContentEncoding);
        Assert.Equal("Thu, 01 Jan 2037 00:00:00 GMT", get.ExpiresString);
    }

    [Fact]
    public async Task PresignedGet_ResponseOverrides_ReplaceHeaders()
    {
        await PutAsync("override/presigned.txt");
        var url = await _raw.PresignAsync(_bucket, "override/presigned.txt", HttpVerb.GET, overrides: Overrides());

        using var response = await _raw.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var headers = response.Content.Headers;
        Assert.Equal("application/x-override", headers.ContentType?.ToString());
        Assert.Equal("fr-CA", string.Join(",", headers.ContentLanguage));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("attachment; filename=\"over ride.txt\"", headers.ContentDisposition?.ToString());
        Assert.Equal("identity", string.Join(",", headers.ContentEncoding));
        Assert.Equal("Thu, 01 Jan 2037 00:00:00 GMT", headers.TryGetValues("Expires", out var expires) ? string.Join(",", expires) : null);
        Assert.Equal("stored", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GetWithoutOverrides_ReturnsStoredHeaders()
    {
        await PutAsync("override/none.txt");

        using var get = await _s3.GetObjectAsync(_bucket, "override/none.txt");

        Assert.Equal("text/x-stored", get.Headers.ContentType);
        Assert.Equal("de", get.Headers.ContentLanguage);
        Assert.Equal("max-age=1", get.Headers.CacheControl);
    }

    public void Dispose() => _raw.Dispose();

    private async Task PutAsync(string key)
    {
        var put = new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = "stored", ContentType = "text/x-stored" };
        put.Headers.ContentLanguage = "de";
        put.Headers.CacheControl = "max-age=1";
        await _s3.PutObjectAsync(put);
    }
}
