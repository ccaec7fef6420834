using Amazon.Runtime;
using Amazon.S3;
using BleepStore.Api.Configuration;
using BleepStore.Api.Hosting;
using BleepStore.Infrastructure.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BleepStore.Testing;

/// <summary>
/// A real BleepStore S3 server inside the calling process: the same host the server runs (router, SigV4, XML,
/// SQLite metadata), on a free loopback port, with its own data. Start one with <see cref="StartAsync"/> in an
/// <c>await using</c>, or share one across a test class with <see cref="BleepStoreFixture"/>. Instances do not
/// share state, so many may run at once; disposal stops the server and deletes its data.
/// </summary>
public sealed class BleepStoreServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _deleteData;
    private readonly Lazy<IAmazonS3> _client;
    private int _disposed;

    private BleepStoreServer(WebApplication app, Uri endpoint, BleepStoreServerOptions options, string? dataDirectory)
    {
        _app = app;
        Endpoint = endpoint;
        Options = options;
        DataDirectory = dataDirectory;
        _deleteData = !options.KeepData;
        _client = new Lazy<IAmazonS3>(() => CreateClient());
    }

    /// <summary>Base address, e.g. <c>http://127.0.0.1:41234/</c>; path-style requests only.</summary>
    public Uri Endpoint { get; }

    public BleepStoreServerOptions Options { get; }

    public string AccessKey => Options.AccessKey;

    public string SecretKey => Options.SecretKey;

    public string Region => Options.Region;

    public AWSCredentials Credentials => new BasicAWSCredentials(Options.AccessKey, Options.SecretKey);

    /// <summary>This instance's metadata database and objects; null with <see cref="TestStorage.Memory"/>.</summary>
    public string? DataDirectory { get; }

    /// <summary>The server's container: <c>IMediator</c> and the ports, for assertions that skip HTTP.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>A ready client for this server, made on first use and disposed with the server.</summary>
    public IAmazonS3 Client => _client.Value;

    public static async Task<BleepStoreServer> StartAsync(BleepStoreServerOptions? options = null, CancellationToken ct = default)
    {
        options ??= new BleepStoreServerOptions();
        var dataDirectory = options.Storage == TestStorage.Memory ? null : Directory.CreateTempSubdirectory("bleepstore-testing-").FullName;
        WebApplication? app = null;
        try
        {
            app = S3Server.Build(ConfigFor(options, dataDirectory), configureLogging: static logging => logging.ClearProviders());
            await app.StartAsync(ct).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new BleepStoreServer(app, new Uri(address.EndsWith('/') ? address : address + "/"), options, dataDirectory);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            TryDelete(dataDirectory);
            throw;
        }
    }

    /// <summary>A new client for this server; <paramref name="configure"/> may change anything (retries, timeouts, checksums).</summary>
    public IAmazonS3 CreateClient(Action<AmazonS3Config>? configure = null)
    {
        var config = new AmazonS3Config
        {
            ServiceURL = Endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = Options.Region,
        };
        configure?.Invoke(config);
        return new AmazonS3Client(Credentials, config);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_deleteData)
        {
            TryDelete(DataDirectory);
        }
    }

    private static BleepStoreConfig ConfigFor(BleepStoreServerOptions options, string? dataDirectory) => new()
    {
        Server = new ServerConfig { Host = "127.0.0.1", Port = 0, Region = options.Region, MaxObjectSize = options.MaxObjectSize, ShutdownTimeoutSeconds = 5 },
        Auth = new AuthConfig { AccessKey = options.AccessKey, SecretKey = options.SecretKey },
        Metadata = dataDirectory is null
            ? new MetadataConfig { Engine = MetadataEngines.Memory }
            : new MetadataConfig { SqlitePath = Path.Combine(dataDirectory, "metadata.db") },
        Storage = options.Storage switch
        {
            TestStorage.TempDirectory => new StorageConfig { Backend = StorageBackends.Local, LocalRootDir = Path.Combine(dataDirectory!, "objects") },
            _ => new StorageConfig { Backend = StorageBackends.Memory },
        },
    };

    private static void TryDelete(string? directory)
    {
        if (directory is null)
        {
            return;
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
