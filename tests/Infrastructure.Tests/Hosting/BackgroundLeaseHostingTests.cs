using BleepStore.Application.Abstractions;
using BleepStore.Infrastructure.Hosting;
using BleepStore.Infrastructure.Metadata.Memory;
using BleepStore.Infrastructure.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BleepStore.Infrastructure.Tests.Hosting;

/// <summary>The upload reaper of a hosted BleepStore runs only while its node holds the background lease.</summary>
public sealed class BackgroundLeaseHostingTests
{
    [Fact]
    public void DefaultLease_NodeAlone_IsTheLocalOne()
    {
        var services = new ServiceCollection();
        services.AddBleepStore(BleepStoreOptions.InMemory());
        using var provider = services.BuildServiceProvider();

        var lease = Assert.IsType<LocalBackgroundLease>(provider.GetRequiredService<IBackgroundLease>());
        Assert.False(lease.Shared);
    }

    [Fact]
    public async Task UploadReaper_RunsOnlyWhileTheLeaseIsHeld()
    {
        var store = new MemoryMetadataStore();
        await store.TryCreateBucketAsync(Records.Bucket("bkt"), CancellationToken.None);
        await store.CreateUploadAsync(Records.Upload("bkt", "k", "old", DateTimeOffset.UtcNow.AddDays(-8)), CancellationToken.None);
        var lease = new SwitchableLease();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IMetadataStore>(store);
        builder.Services.AddSingleton<IBackgroundLease>(lease);
        builder.Services.AddBleepStore(BleepStoreOptions.InMemory() with { UploadReaperInterval = TimeSpan.FromMilliseconds(50), LifecycleInterval = null });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            await WaitAsync(() => lease.Asked >= 3);
            Assert.NotNull(await store.GetUploadAsync("old", CancellationToken.None));

            lease.Held = true;
            await WaitAsync(() => store.GetUploadAsync("old", CancellationToken.None).GetAwaiter().GetResult() is null);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 20 s");
            await Task.Delay(20);
        }
    }

    private sealed class SwitchableLease : IBackgroundLease
    {
        private int _asked;

        public volatile bool Held;

        public int Asked => Volatile.Read(ref _asked);

        public bool Shared => true;

        public Task<bool> TryHoldAsync(CancellationToken ct)
        {
            Interlocked.Increment(ref _asked);
            return Task.FromResult(Held);
        }
    }
}
