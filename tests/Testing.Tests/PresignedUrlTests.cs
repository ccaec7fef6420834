using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace BleepStore.Testing.Tests;

/// <summary>Presigned URLs made by the SDK and fetched with a plain HttpClient, as browser-facing code does.</summary>
public sealed class PresignedUrlTests
{
    [Fact]
    public async Task PresignedPutThenGet_WithHttpClient_RoundTrips()
    {
        await using var server = await BleepStoreServer.StartAsync();
        await server.Client.PutBucketAsync("uploads");
        using var http = new HttpClient();

        var putUrl = await server.Client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = "uploads", Key = "avatar.png", Verb = HttpVerb.PUT, Expires = DateTime.UtcNow.AddMinutes(5), Protocol = Protocol.HTTP,
        });
        using (var put = await http.PutAsync(putUrl, new ByteArrayContent("png bytes"u8.ToArray())))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var getUrl = await server.Client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = "uploads", Key = "avatar.png", Verb = HttpVerb.GET, Expires = DateTime.UtcNow.AddMinutes(5), Protocol = Protocol.HTTP,
        });
        Assert.Equal("png bytes", await http.GetStringAsync(getUrl));
    }

    [Fact]
    public async Task PresignedGet_WithTamperedSignature_IsRefused()
    {
        await using var server = await BleepStoreServer.StartAsync();
        await server.Client.PutBucketAsync("private");
        await server.Client.PutObjectAsync(new PutObjectRequest { BucketName = "private", Key = "k", ContentBody = "secret" });
        var url = await server.Client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = "private", Key = "k", Verb = HttpVerb.GET, Expires = DateTime.UtcNow.AddMinutes(5), Protocol = Protocol.HTTP,
        });
        var signature = url.IndexOf("X-Amz-Signature=", StringComparison.Ordinal) + "X-Amz-Signature=".Length;
        var tampered = url[..signature] + (url[signature] == '0' ? '1' : '0') + url[(signature + 1)..];

        using var http = new HttpClient();
        using var response = await http.GetAsync(tampered);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
