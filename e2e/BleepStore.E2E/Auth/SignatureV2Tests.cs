using System.Net;
using System.Text.RegularExpressions;
using Amazon;

namespace BleepStore.E2E.Auth;

/// <summary>
/// Signature Version 2 from AWSSDK.S3: GetPreSignedURL signs with SigV2 (AWSAccessKeyId, Expires, Signature) when the
/// URL is to live more than 7 days in a region that still takes SigV2, us-east-1 among them (docs/authentication.md).
/// </summary>
public sealed partial class SignatureV2Tests(BucketFixture fixture) : IClassFixture<BucketFixture>, IDisposable
{
    private readonly HttpClient _http = new();

    [Fact]
    public async Task PresignedBeyondSevenDays_IsSigV2_PutThenGetWithPlainHttp()
    {
        var put = await PresignAsync("v2/sdk.txt", HttpVerb.PUT);
        AssertSigV2(put);
        using (var stored = await _http.PutAsync(put, new ByteArrayContent("signed by version 2"u8.ToArray())))
        {
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        }

        var get = await PresignAsync("v2/sdk.txt", HttpVerb.GET);
        AssertSigV2(get);
        using var response = await _http.GetAsync(get);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("signed by version 2", await response.Content.ReadAsStringAsync());

        using var head = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, await PresignAsync("v2/sdk.txt", HttpVerb.HEAD)));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(19, head.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task TamperedSignatureOrExpires_SignatureDoesNotMatch_NothingStored()
    {
        var put = await PresignAsync("v2/tampered", HttpVerb.PUT);
        var badSignature = SignatureParameter().Replace(put, m => "Signature=" + (m.Groups[1].Value == "A" ? "B" : "A"));
        var laterExpiry = ExpiresParameter().Replace(put, m => "Expires=" + (long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1));

        foreach (var url in new[] { badSignature, laterExpiry })
        {
            using var response = await _http.PutAsync(url, new ByteArrayContent([1]));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("<Code>SignatureDoesNotMatch</Code>", body, StringComparison.Ordinal);
            Assert.Contains("<StringToSign>PUT\n", body, StringComparison.Ordinal);
        }

        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => fixture.S3.GetObjectMetadataAsync(fixture.Bucket, "v2/tampered"));
    }

    public void Dispose() => _http.Dispose();

    private static void AssertSigV2(string url)
    {
        Assert.Contains("AWSAccessKeyId=", url, StringComparison.Ordinal);
        Assert.Contains("Signature=", url, StringComparison.Ordinal);
        Assert.Contains("Expires=", url, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Amz-Signature", url, StringComparison.Ordinal);
    }

    private Task<string> PresignAsync(string key, HttpVerb verb) => fixture.S3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
    {
        BucketName = fixture.Bucket,
        Key = key,
        Verb = verb,
        Expires = DateTime.UtcNow.AddDays(30),
        Protocol = E2ESettings.Current.Endpoint.Scheme == "https" ? Protocol.HTTPS : Protocol.HTTP,
    });

    [GeneratedRegex("Signature=([^&])")]
    private static partial Regex SignatureParameter();

    [GeneratedRegex("Expires=([0-9]+)")]
    private static partial Regex ExpiresParameter();
}
