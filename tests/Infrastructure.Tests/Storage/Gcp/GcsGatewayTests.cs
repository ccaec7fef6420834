using BleepStore.Infrastructure.Configuration;
using BleepStore.Infrastructure.Storage.Gcp;

namespace BleepStore.Infrastructure.Tests.Storage.Gcp;

/// <summary>Opening the gcp gateway from <c>storage.gcp.*</c>: what works, and which key a failure names.</summary>
public sealed class GcsGatewayTests : IAsyncLifetime
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;
    private GcsTestServer? _server;

    public async Task InitializeAsync() => _server = await GcsTestServer.StartAsync("up");

    public async Task DisposeAsync() => await _server!.DisposeAsync();

    [Fact]
    public async Task Open_ExistingBucket_ServesWithPrefix()
    {
        var storage = GcsGateway.Open(new GcpStorageConfig { Bucket = "up", Prefix = "p/", Endpoint = _server!.BaseUri.ToString() }, NoEnvironment);

        var blob = await storage.WriteAsync("b", new MemoryStream([1, 2]), CancellationToken.None);

        Assert.Equal([1, 2], _server.Store.Get("up", $"p/.blobs/b/{blob.BlobId}")!.Data);
    }

    [Fact]
    public void Open_MissingBucket_NamesBucketKey() =>
        AssertKey("storage.gcp.bucket", new GcpStorageConfig { Bucket = "absent", Endpoint = _server!.BaseUri.ToString() });

    [Fact]
    public void Open_UnreachableEndpoint_NamesEndpointKey() =>
        AssertKey("storage.gcp.endpoint", new GcpStorageConfig { Bucket = "up", Endpoint = $"http://127.0.0.1:{TestSupport.FreePort.Next()}/" });

    [Theory]
    [InlineData(null, null, "http://127.0.0.1/", "storage.gcp.bucket")]
    [InlineData("up", "/nonexistent/key.json", "http://127.0.0.1/", "storage.gcp.credentials_file")]
    [InlineData("up", null, "ftp://x/", "storage.gcp.endpoint")]
    public void Open_IncompleteConfig_NamesKey(string? bucket, string? credentials, string endpoint, string key) =>
        AssertKey(key, new GcpStorageConfig { Bucket = bucket, CredentialsFile = credentials, Endpoint = endpoint });

    private static void AssertKey(string key, GcpStorageConfig config)
    {
        var e = Assert.Throws<ConfigException>(() => GcsGateway.Open(config, NoEnvironment));

        Assert.Equal(key, e.Key);
        Assert.DoesNotContain('\n', e.Message);
    }
}
