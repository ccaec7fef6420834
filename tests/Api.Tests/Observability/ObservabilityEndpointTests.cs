using System.Net;
using System.Text.Json;
using BleepStore.Api.Tests.Support;

namespace BleepStore.Api.Tests.Observability;

public sealed class ObservabilityEndpointTests : IClassFixture<BleepStoreFactory>
{
    private readonly BleepStoreFactory _factory;

    public ObservabilityEndpointTests(BleepStoreFactory factory) => _factory = factory;

    [Fact]
    public async Task Metrics_AfterRequests_CountsThemButNeverItself()
    {
        var client = _factory.CreateClient();
        using (await client.GetAsync("/healthz"))
        {
        }

        using (await client.GetAsync("/metrics"))
        {
        }

        using var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("bleepstore_http_requests_total{method=\"GET\",path=\"/healthz\",status=\"200\"}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("path=\"/metrics\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_S3ErrorStatus_RecordedAfterTheErrorWriter()
    {
        var client = _factory.CreateClient();
        using (await client.GetAsync("/no-such-bucket-xyz/key"))
        {
        }

        var text = await client.GetStringAsync("/metrics");

        Assert.Contains("bleepstore_http_requests_total{method=\"GET\",path=\"/{bucket}/{key}\",status=\"404\"}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_DescribesTheApi_WithThisServerFirst()
    {
        var client = _factory.CreateClient();
        using var response = await client.GetAsync("/openapi.json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("3.1.0", root.GetProperty("openapi").GetString());
        Assert.Equal("BleepStore S3-Compatible API", root.GetProperty("info").GetProperty("title").GetString());
        Assert.Equal("MIT", root.GetProperty("info").GetProperty("license").GetProperty("name").GetString());
        Assert.Equal(client.BaseAddress!.GetLeftPart(UriPartial.Authority), root.GetProperty("servers")[0].GetProperty("url").GetString());
        Assert.Equal("PutObject", root.GetProperty("paths").GetProperty("/{Bucket}/{Key+}").GetProperty("put").GetProperty("operationId").GetString());
        Assert.Equal("ListBuckets", root.GetProperty("paths").GetProperty("/").GetProperty("get").GetProperty("operationId").GetString());
        Assert.True(root.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("sigv4", out _));
        var operationIds = root.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(m => m.Value.ValueKind == JsonValueKind.Object && m.Value.TryGetProperty("operationId", out _)))
            .Select(m => m.Value.GetProperty("operationId").GetString())
            .ToHashSet();
        Assert.Superset(new HashSet<string?> { "PutObjectTagging", "GetObjectTagging", "DeleteObjectTagging", "PutBucketTagging", "GetBucketTagging", "DeleteBucketTagging" }, operationIds);
        Assert.Superset(new HashSet<string?> { "getServerStatus", "getStorageStatus", "getStorageStats", "listCredentials", "createCredential", "deleteCredential", "updateCredentialStatus", "getConfig" }, operationIds);
        Assert.Equal("bearer", root.GetProperty("components").GetProperty("securitySchemes").GetProperty("adminBearer").GetProperty("scheme").GetString());
        Assert.Superset(new HashSet<string?> { "PutBucketCors", "GetBucketCors", "DeleteBucketCors", "PreflightBucket", "PreflightObject" }, operationIds);
        Assert.Equal(0, root.GetProperty("paths").GetProperty("/{Bucket}/{Key+}").GetProperty("options").GetProperty("security").GetArrayLength());
        Assert.Superset(new HashSet<string?> { "PutBucketVersioning", "GetBucketVersioning", "ListObjectVersions" }, operationIds);
    }

    [Fact]
    public async Task Docs_ServesSwaggerUiHtml()
    {
        using var response = await _factory.CreateClient().GetAsync("/docs/index.html");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("swagger", html, StringComparison.OrdinalIgnoreCase);
    }
}
