using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Amazon;

namespace BleepStore.E2E.Auth;

/// <summary>Presigned URL expiry and limits, and presigned HEAD/DELETE.</summary>
public sealed class PresignedLimitsTests(BucketFixture fixture) : IClassFixture<BucketFixture>, IDisposable
{
    private readonly RawHttp _raw = new(fixture.S3);

    [Fact]
    public async Task PresignedGet_Expired_403AccessDenied()
    {
        await PutAsync("expiring.txt");
        var url = await _raw.PresignAsync(fixture.Bucket, "expiring.txt", HttpVerb.GET, TimeSpan.FromSeconds(1));
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        using var response = await _raw.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("AccessDenied", error.Element("Code")?.Value);
        Assert.Contains("expired", error.Element("Message")?.Value ?? string.Empty, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PresignedGet_ExpiresOver604800_400AuthorizationQueryParametersError()
    {
        await PutAsync("too-long.txt");
        var url = await _raw.PresignAsync(fixture.Bucket, "too-long.txt", HttpVerb.GET);
        var tooLong = Regex.Replace(url, "X-Amz-Expires=[0-9]+", "X-Amz-Expires=604801");

        using var response = await _raw.Client.GetAsync(tooLong);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("AuthorizationQueryParametersError", XDocument.Parse(await response.Content.ReadAsStringAsync()).Root?.Element("Code")?.Value);
    }

    [Fact]
    public async Task PresignedGet_MaximumExpiry7Days_Works()
    {
        await PutAsync("seven-days.txt");
        var url = await _raw.PresignAsync(fixture.Bucket, "seven-days.txt", HttpVerb.GET, TimeSpan.FromSeconds(604800 - 5));

        using var response = await _raw.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PresignedHeadAndDelete_Work()
    {
        await PutAsync("head-delete.txt");

        using (var head = await _raw.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, await _raw.PresignAsync(fixture.Bucket, "head-delete.txt", HttpVerb.HEAD))))
        {
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(4, head.Content.Headers.ContentLength);
        }

        using (var delete = await _raw.Client.DeleteAsync(await _raw.PresignAsync(fixture.Bucket, "head-delete.txt", HttpVerb.DELETE)))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => fixture.S3.GetObjectMetadataAsync(fixture.Bucket, "head-delete.txt"));
    }

    [Fact]
    public async Task PresignedUrlPlusAuthorizationHeader_Rejected400()
    {
        await PutAsync("both.txt");
        var url = await _raw.PresignAsync(fixture.Bucket, "both.txt", HttpVerb.GET);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Authorization",
            "AWS4-HMAC-SHA256 Credential=bleepstore/20250101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=" + new string('0', 64));

        using var response = await _raw.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    public void Dispose() => _raw.Dispose();

    private Task PutAsync(string key) =>
        fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = fixture.Bucket, Key = key, ContentBody = "data" });
}
