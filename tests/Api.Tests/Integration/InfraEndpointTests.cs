using System.Net;
using System.Text.Json;
using BleepStore.Api.Tests.Support;
using BleepStore.Application.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace BleepStore.Api.Tests.Integration;

public sealed class InfraEndpointTests : IClassFixture<BleepStoreFactory>
{
    private readonly BleepStoreFactory _factory;

    public InfraEndpointTests(BleepStoreFactory factory) => _factory = factory;

    [Fact]
    public async Task Healthz_Is200Empty_WithCommonHeaders()
    {
        using var response = await _factory.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        CommonHeaders.AssertPresent(response);
    }

    [Fact]
    public async Task Readyz_Is200_WhenBackendsAreUp()
    {
        using var response = await _factory.CreateClient().GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_ReportsBothChecks()
    {
        using var response = await _factory.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("ok", checks.GetProperty("metadata").GetProperty("status").GetString());
        Assert.True(checks.GetProperty("metadata").GetProperty("latency_ms").GetDouble() >= 0);
        Assert.Equal("ok", checks.GetProperty("storage").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_And_Readyz_Degrade_WhenStorageFails()
    {
        using var failing = new BleepStoreFactory(null, s => s.AddSingleton<IObjectStorage>(new BrokenStorage()));
        var client = failing.CreateClient();

        using var ready = await client.GetAsync("/readyz");
        using var health = await client.GetAsync("/health");
        using var live = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("degraded", json.RootElement.GetProperty("status").GetString());
        var storage = json.RootElement.GetProperty("checks").GetProperty("storage");
        Assert.Equal("error", storage.GetProperty("status").GetString());
        Assert.Equal("disk on fire", storage.GetProperty("error").GetString());
        Assert.Equal("ok", json.RootElement.GetProperty("checks").GetProperty("metadata").GetProperty("status").GetString());
    }

    [Fact]
    public async Task HealthCheckDisabled_HidesProbes_AndHealthIsStatic()
    {
        using var off = new BleepStoreFactory(new Dictionary<string, string> { ["observability.health_check"] = "false" }, null);
        var client = off.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/readyz")).StatusCode);
        using var health = await client.GetAsync("/health");
        Assert.Equal("{\"status\":\"ok\"}", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnexpectedException_Is500InternalError_WithRequestId_AndNoDetails()
    {
        using var failing = new BleepStoreFactory(new Dictionary<string, string> { ["auth.enabled"] = "false" }, s => s.AddSingleton<IObjectStorage>(new BrokenStorage()));
        var client = failing.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync("/bkt", null)).StatusCode);

        // Larger than the inline threshold, so the bytes go to (broken) storage.
        using var response = await client.PutAsync("/bkt/key", new ByteArrayContent(new byte[100_000]));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var id = CommonHeaders.AssertPresent(response);
        var body = await response.Content.ReadAsStringAsync();
        var error = XmlRender.Parse(body).Root!;
        Assert.Equal("InternalError", error.Element("Code")!.Value);
        Assert.Equal(id, error.Element("RequestId")!.Value);
        Assert.DoesNotContain("disk on fire", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    private sealed class BrokenStorage : IObjectStorage
    {
        public string Name => "broken";

        public Task CheckHealthAsync(CancellationToken ct) => throw new IOException("disk on fire");

        public Task RecoverAsync(CancellationToken ct) => Task.CompletedTask;

        public Task<StoredBlob> WriteAsync(string bucket, Stream data, CancellationToken ct) => throw new IOException("disk on fire");

        public Task<Stream> OpenReadAsync(string bucket, string blobId, long offset, long? length, CancellationToken ct) => throw new IOException("disk on fire");

        public Task DeleteAsync(string bucket, string blobId, CancellationToken ct) => Task.CompletedTask;

        public Task<StoredBlob> ConcatenateAsync(string bucket, IReadOnlyList<string> blobIds, CancellationToken ct) => throw new IOException("disk on fire");

        public Task CreateBucketAsync(string bucket, CancellationToken ct) => Task.CompletedTask;

        public Task DeleteBucketAsync(string bucket, CancellationToken ct) => Task.CompletedTask;
    }
}
