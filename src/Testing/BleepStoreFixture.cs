using Amazon.S3;
using Xunit;

namespace BleepStore.Testing;

/// <summary>
/// xunit fixture: one <see cref="BleepStoreServer"/> per test class (<c>IClassFixture&lt;BleepStoreFixture&gt;</c>) or
/// collection. Derive and override <see cref="Options"/> to change keys, region or storage.
/// </summary>
public class BleepStoreFixture : IAsyncLifetime
{
    private BleepStoreServer? _server;

    public BleepStoreServer Server => _server ?? throw new InvalidOperationException("The fixture has not been initialized by xunit yet.");

    public IAmazonS3 Client => Server.Client;

    public Uri Endpoint => Server.Endpoint;

    protected virtual BleepStoreServerOptions Options => new();

    public async Task InitializeAsync() => _server = await BleepStoreServer.StartAsync(Options).ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
