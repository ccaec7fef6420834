using BleepStore.Application.Auth;

namespace BleepStore.Application.Tests.Auth;

/// <summary>The credential cache: 60 s by default; a cluster node (lifetime zero) reads the store every time.</summary>
public sealed class CredentialCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Default_RemembersAFoundKeyFor60Seconds_ThenReadsAgain()
    {
        var store = FakeCredentialStore.WithExampleKey();
        var clock = new FakeClock(Now);
        var cache = new CredentialCache(store, clock);

        await cache.GetAsync(TestSigner.AccessKey, CancellationToken.None);
        store.Add(TestSigner.AccessKey, TestSigner.Secret, active: false);
        var cached = await cache.GetAsync(TestSigner.AccessKey, CancellationToken.None);
        clock.UtcNow += TimeSpan.FromSeconds(60);
        var fresh = await cache.GetAsync(TestSigner.AccessKey, CancellationToken.None);

        Assert.True(cached!.Active);
        Assert.False(fresh!.Active);
        Assert.Equal(2, store.Lookups);
    }

    [Fact]
    public async Task LifetimeZero_AChangeByAnotherNodeCountsAtOnce()
    {
        var store = FakeCredentialStore.WithExampleKey();
        var cache = new CredentialCache(store, new FakeClock(Now), lifetime: TimeSpan.Zero);

        Assert.True((await cache.GetAsync(TestSigner.AccessKey, CancellationToken.None))!.Active);
        // Another node disables the key: nothing here evicts it, and it must fail on the next request.
        store.Add(TestSigner.AccessKey, TestSigner.Secret, active: false);

        Assert.False((await cache.GetAsync(TestSigner.AccessKey, CancellationToken.None))!.Active);
        Assert.Equal(2, store.Lookups);
    }
}
