using BleepStore.Application.Abstractions;
using BleepStore.Infrastructure.Storage.Gcp;
using BleepStore.Infrastructure.Tests.Storage.Gcp;
using BleepStore.Infrastructure.Tests.TestSupport;
using Google.Apis.Http;
using Google.Cloud.Storage.V1;

namespace BleepStore.Infrastructure.Tests.Storage.Gateways;

/// <summary>Range reads through the gcp gateway (the real Google.Cloud.Storage.V1 client) against <see cref="GcsTestServer"/>.</summary>
public sealed class GcsRangeReadTrafficTests : RangeReadTrafficContract, IAsyncLifetime
{
    private const string UpstreamBucket = "upstream";
    private GcsTestServer? _server;
    private GcsObjectStorage? _storage;

    protected override IObjectStorage Storage => _storage ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _server = await GcsTestServer.StartAsync(UpstreamBucket);
        var client = new StorageClientBuilder
        {
            BaseUri = new Uri(_server.BaseUri, "storage/v1/").ToString(),
            UnauthenticatedAccess = true,
            HttpClientFactory = new CountingFactory(Counts),
        }.Build();
        _storage = new GcsObjectStorage(client, UpstreamBucket, "gw/", keyNames: true);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private sealed class CountingFactory(CountingConnections counts) : HttpClientFactory
    {
        protected override HttpMessageHandler CreateHandler(CreateHttpClientArgs args) => counts.CreateHandler();
    }
}
