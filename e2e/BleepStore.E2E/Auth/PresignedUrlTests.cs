using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Amazon;

namespace BleepStore.E2E.Auth;

/// <summary>URLs presigned by AWSSDK.S3 work from a plain HttpClient with no credentials.</summary>
public sealed class PresignedUrlTests(BucketFixture fixture) : IClassFixture<BucketFixture>, IDisposable
{
    private readonly HttpClient _http = new();

    [Fact]
    public async Task PresignedGet_ReturnsObjectBody()
    {
        await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = fixture.Bucket, Key = "presigned/get.txt", ContentBody = "signed in the url" });
        var url = await PresignAsync("presigned/get.txt", HttpVerb.GET);

        using var response = await _http.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("signed in the url", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PresignedUrl_CarriesTheSixSigV4Parameters()
    {
        var url = await PresignAsync("presigned/any", HttpVerb.GET);

        foreach (var name in new[] { "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature" })
        {
            Assert.Contains(name + "=", url, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PresignedPut_StoresBody_ReadableWithSdk()
    {
        var body = RandomNumberGenerator.GetBytes(200_000);
        var url = await PresignAsync("presigned/put.bin", HttpVerb.PUT);

        using var response = await _http.PutAsync(url, new ByteArrayContent(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var get = await fixture.S3.GetObjectAsync(fixture.Bucket, "presigned/put.bin");
        var (md5, length) = await Digests.Md5Async(get.ResponseStream);
        Assert.Equal(body.Length, length);
        Assert.Equal(MD5.HashData(body), md5);
    }

    [Fact]
    public async Task PresignedGet_TamperedSignature_Returns403()
    {
        var url = await PresignAsync("presigned/any", HttpVerb.GET);
        var tampered = Regex.Replace(url, "X-Amz-Signature=([0-9a-f])", m => "X-Amz-Signature=" + (m.Groups[1].Value == "0" ? "1" : "0"));

        using var response = await _http.GetAsync(tampered);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose() => _http.Dispose();

    private Task<string> PresignAsync(string key, HttpVerb verb) =>
        fixture.S3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = fixture.Bucket,
            Key = key,
            Verb = verb,
            Expires = DateTime.UtcNow.AddMinutes(5),
            Protocol = E2ESettings.Current.Endpoint.Scheme == "https" ? Protocol.HTTPS : Protocol.HTTP,
        });
}
