using BleepStore.Application.Auth;

namespace BleepStore.Application.Tests.Auth;

public sealed class SigningKeyCacheTests
{
    [Fact]
    public void Get_SameScope_ReturnsCachedKeyMatchingIndependentDerivation()
    {
        var cache = new SigningKeyCache(new FakeClock(TestSigner.ExampleTime));

        var first = cache.Get(TestSigner.AccessKey, TestSigner.Secret, "20130524", "us-east-1");
        var second = cache.Get(TestSigner.AccessKey, TestSigner.Secret, "20130524", "us-east-1");

        Assert.Same(first, second);
        Assert.Equal(TestSigner.SigningKey(TestSigner.Secret, "20130524", "us-east-1"), first);
    }

    [Fact]
    public void Get_After24Hours_DerivesAgain()
    {
        var clock = new FakeClock(TestSigner.ExampleTime);
        var cache = new SigningKeyCache(clock);
        var first = cache.Get("AK", "secret", "20130524", "us-east-1");

        clock.UtcNow = clock.UtcNow.AddHours(24);

        Assert.NotSame(first, cache.Get("AK", "secret", "20130524", "us-east-1"));
    }

    [Fact]
    public void Get_ManyDistinctScopes_StaysBounded()
    {
        var cache = new SigningKeyCache(new FakeClock(TestSigner.ExampleTime), capacity: 10);

        for (var i = 0; i < 100; i++)
        {
            cache.Get("AK", "secret", "20130524", "region-" + i);
        }

        Assert.True(cache.Count <= 10);
    }

    [Fact]
    public void Get_RotatedSecret_DerivesNewKey()
    {
        var cache = new SigningKeyCache(new FakeClock(TestSigner.ExampleTime));

        var before = cache.Get("AK", "old", "20130524", "us-east-1");
        var after = cache.Get("AK", "new", "20130524", "us-east-1");

        Assert.NotEqual(before, after);
    }
}
