using System.Net;
using System.Xml.Linq;

namespace BleepStore.E2E.Auth;

/// <summary>Plain HTTP with no signature: private resources answer 403 AccessDenied as S3 error XML.</summary>
public sealed class AnonymousRequestTests(BucketFixture fixture) : IClassFixture<BucketFixture>, IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = E2ESettings.Current.Endpoint };

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/{bucket}")]
    [InlineData("GET", "/{bucket}/some-key")]
    [InlineData("PUT", "/{bucket}/anonymous-put")]
    public async Task Request_WithoutAuth_Returns403AccessDeniedXml(string method, string path)
    {
        var target = path.Replace("{bucket}", fixture.Bucket, StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(method), target);
        if (method == "PUT")
        {
            request.Content = new ByteArrayContent("anonymous"u8.ToArray());
        }

        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(response.Headers.Contains("x-amz-request-id"), "x-amz-request-id header missing");
        Assert.Contains("xml", response.Content.Headers.ContentType?.MediaType ?? string.Empty, StringComparison.OrdinalIgnoreCase);
        var error = XDocument.Parse(body).Root!;
        Assert.Equal("Error", error.Name.LocalName);
        Assert.Equal("AccessDenied", error.Element("Code")?.Value);
        Assert.False(string.IsNullOrEmpty(error.Element("RequestId")?.Value));
    }

    [Fact]
    public async Task Healthz_WithoutAuth_Returns200()
    {
        using var response = await _http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_WithoutAuth_Returns200()
    {
        using var response = await _http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public void Dispose() => _http.Dispose();
}
