using BleepStore.Application.Abstractions;
using BleepStore.Application.Buckets.CreateBucket;
using BleepStore.Application.Objects.GetObject;
using BleepStore.Application.Objects.PutObject;
using BleepStore.Application.Requests;
using BleepStore.Domain.Access;
using BleepStore.Infrastructure.Configuration;
using BleepStore.Infrastructure.Hosting;
using BleepStore.Infrastructure.Storage.Memory;
using BleepStore.Infrastructure.Tests.TestSupport;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BleepStore.Infrastructure.Tests.Hosting;

/// <summary>BleepStore embedded in a generic host with the real SQLite and local adapters: no HTTP anywhere.</summary>
public sealed class AddBleepStoreTests : IDisposable
{
    private static readonly Owner Embedder = new("embedder", "embedder");
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task GenericHost_StoresThroughTheMediator_AndAReopenedHostReadsItBack()
    {
        var body = "hello from a worker"u8.ToArray();
        using (var host = await StartHostAsync())
        {
            var mediator = host.Services.GetRequiredService<IMediator>();
            await mediator.Send(new CreateBucketCommand(S3RequestContext.Trusted(Embedder), "reports"));
            await mediator.Send(new PutObjectCommand
            {
                Context = S3RequestContext.Trusted(Embedder),
                Bucket = "reports",
                Key = "2026/12/day.txt",
                Body = new MemoryStream(body),
                ContentLength = body.Length,
            });
            await host.StopAsync();
        }

        Assert.True(File.Exists(Path.Combine(_dir.Path, "metadata.db")));
        using (var reopened = await StartHostAsync())
        {
            var result = await reopened.Services.GetRequiredService<IMediator>().Send(new GetObjectQuery(S3RequestContext.Trusted(Embedder), "reports", "2026/12/day.txt"));
            await using var stream = result.Body!;
            var read = new MemoryStream();
            await stream.CopyToAsync(read);
            Assert.Equal(body, read.ToArray());
            await reopened.StopAsync();
        }
    }

    [Fact]
    public async Task GenericHost_SeedsTheConfiguredCredentials_AtStart()
    {
        var options = BleepStoreOptions.InDirectory(_dir.Path) with
        {
            Auth = new AuthConfig { AccessKey = "seeded", SecretKey = "seeded-secret", Credentials = [new ExtraCredential("second", "second-secret", "Second")] },
        };
        using var host = await StartHostAsync(options);
        var credentials = host.Services.GetRequiredService<ICredentialStore>();
        Assert.Equal("seeded-secret", (await credentials.GetCredentialAsync("seeded", default))?.SecretKey);
        Assert.Equal("Second", (await credentials.GetCredentialAsync("second", default))?.Owner.DisplayName);
        await host.StopAsync();
    }

    [Fact]
    public async Task GenericHost_RemovesWhatACrashLeftHalfWritten_AtStart()
    {
        var temp = Path.Combine(_dir.Path, "objects", ".tmp");
        Directory.CreateDirectory(temp);
        var leftover = Path.Combine(temp, "half-written");
        await File.WriteAllTextAsync(leftover, "partial");

        using var host = await StartHostAsync();
        Assert.False(File.Exists(leftover));
        await host.StopAsync();
    }

    [Fact]
    public async Task ServiceProviderWithoutHostOrLogging_InitializesAndServes()
    {
        var services = new ServiceCollection();
        services.AddBleepStore(BleepStoreOptions.InDirectory(_dir.Path));
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        await provider.InitializeBleepStoreAsync();
        await provider.InitializeBleepStoreAsync();

        var result = await provider.GetRequiredService<IMediator>().Send(new CreateBucketCommand(S3RequestContext.Trusted(Embedder), "plain"));
        Assert.True(result.Created);
        Assert.NotNull(await provider.GetRequiredService<ICredentialStore>().GetCredentialAsync("bleepstore", default));
    }

    [Fact]
    public void PortRegisteredBeforeAddBleepStore_WinsOverTheConfiguredBackend()
    {
        var mine = new MemoryObjectStorage(0);
        var services = new ServiceCollection();
        services.AddSingleton<IObjectStorage>(mine);
        services.AddBleepStore(BleepStoreOptions.InDirectory(_dir.Path));
        using var provider = services.BuildServiceProvider();
        Assert.Same(mine, provider.GetRequiredService<IObjectStorage>());
    }

    [Fact]
    public async Task UnopenableMetadataPath_FailsStartNamingTheKey()
    {
        var blocker = Path.Combine(_dir.Path, "not-a-dir");
        await File.WriteAllTextAsync(blocker, "x");
        var options = BleepStoreOptions.InDirectory(_dir.Path) with { Metadata = new MetadataConfig { SqlitePath = Path.Combine(blocker, "metadata.db") } };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddBleepStore(options);
        using var host = builder.Build();
        var e = await Assert.ThrowsAsync<ConfigException>(() => host.StartAsync());
        Assert.Equal("metadata.sqlite.path", e.Key);
    }

    [Fact]
    public async Task InMemory_ServesWithoutTouchingTheDisk()
    {
        var services = new ServiceCollection();
        services.AddBleepStore(BleepStoreOptions.InMemory());
        await using var provider = services.BuildServiceProvider();
        await provider.InitializeBleepStoreAsync();
        var mediator = provider.GetRequiredService<IMediator>();
        await mediator.Send(new CreateBucketCommand(S3RequestContext.Trusted(Embedder), "volatile"));
        await mediator.Send(new PutObjectCommand { Context = S3RequestContext.Trusted(Embedder), Bucket = "volatile", Key = "k", Body = new MemoryStream(new byte[100_000]), ContentLength = 100_000 });

        var result = await mediator.Send(new GetObjectQuery(S3RequestContext.Trusted(Embedder), "volatile", "k"));
        await using var body = result.Body!;
        Assert.Equal(100_000, result.Object.Size);
        Assert.IsType<BleepStore.Infrastructure.Metadata.Memory.MemoryMetadataStore>(provider.GetRequiredService<IMetadataStore>());
        Assert.IsType<MemoryObjectStorage>(provider.GetRequiredService<IObjectStorage>());
    }

    [Fact]
    public void MemoryMetadataWithDurableStorage_IsRefusedNamingTheKey()
    {
        var options = BleepStoreOptions.InDirectory(_dir.Path) with { Metadata = new MetadataConfig { Engine = MetadataEngines.Memory } };
        var e = Assert.Throws<ConfigException>(() => new ServiceCollection().AddBleepStore(options));
        Assert.Equal("metadata.engine", e.Key);
    }

    [Fact]
    public void ReaperIntervalNull_RegistersNoBackgroundReaper()
    {
        var services = new ServiceCollection();
        services.AddBleepStore(BleepStoreOptions.InDirectory(_dir.Path) with { UploadReaperInterval = null, LifecycleInterval = null });
        using var provider = services.BuildServiceProvider();
        Assert.IsType<BleepStoreStartup>(Assert.Single(provider.GetServices<IHostedService>()));
    }

    [Fact]
    public void LifecycleInterval_RegistersTheLifecycleService_WithTheDayLength()
    {
        var services = new ServiceCollection();
        services.AddBleepStore(BleepStoreOptions.InDirectory(_dir.Path) with
        {
            UploadReaperInterval = null,
            Lifecycle = new BleepStore.Application.Lifecycle.LifecycleOptions { DayLength = TimeSpan.FromSeconds(1) },
        });
        using var provider = services.BuildServiceProvider();
        Assert.Contains(provider.GetServices<IHostedService>(), s => s.GetType().Name == "LifecycleService");
        Assert.Equal(TimeSpan.FromSeconds(1), provider.GetRequiredService<BleepStore.Application.Lifecycle.LifecycleOptions>().DayLength);
        Assert.NotNull(provider.GetRequiredService<BleepStore.Application.Lifecycle.LifecycleWorker>());
    }

    private async Task<IHost> StartHostAsync(BleepStoreOptions? options = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddBleepStore(options ?? BleepStoreOptions.InDirectory(_dir.Path));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
