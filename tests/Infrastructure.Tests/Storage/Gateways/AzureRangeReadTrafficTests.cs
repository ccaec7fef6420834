using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using BleepStore.Application.Abstractions;
using BleepStore.Infrastructure.Storage.Azure;
using BleepStore.Infrastructure.Tests.Storage.Azure;

namespace BleepStore.Infrastructure.Tests.Storage.Gateways;

/// <summary>Range reads through the azure gateway (the real Azure.Storage.Blobs client) against Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureRangeReadTrafficTests : RangeReadTrafficContract, IDisposable
{
    private readonly HttpClient _http;
    private readonly AzureObjectStorage _storage;

    public AzureRangeReadTrafficTests(AzuriteFixture azurite)
    {
        var name = azurite.NewContainer().Name;
        _http = new HttpClient(Counts.CreateHandler());
        var options = new BlobClientOptions { Transport = new HttpClientTransport(_http) };
        var container = new BlobServiceClient(azurite.ConnectionString, options).GetBlobContainerClient(name);
        _storage = new AzureObjectStorage(container, "gw/", keyNames: true);
    }

    protected override IObjectStorage Storage => _storage;

    public void Dispose() => _http.Dispose();
}
