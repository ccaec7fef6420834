using BleepStore.Api.Configuration;
using BleepStore.Api.Hosting;
using BleepStore.Infrastructure.Configuration;

namespace BleepStore.Api.Tests.Configuration;

/// <summary><c>storage.{aws,azure,gcp}.key_names</c> (decision 10): read from the file, on by default; on, nothing is inlined.</summary>
public sealed class KeyNamesConfigTests
{
    private static readonly string Wd = Path.GetTempPath();

    [Theory]
    [InlineData("aws")]
    [InlineData("azure")]
    [InlineData("gcp")]
    public void KeyNames_OnByDefault_EveryObjectGoesUpstream_FalseTurnsItOff(string backend)
    {
        var byDefault = ConfigLoader.Parse($"storage:\n  backend: {backend}\n", Wd);
        var on = ConfigLoader.Parse($"storage:\n  backend: {backend}\n  {backend}:\n    key_names: true\n", Wd);
        var off = ConfigLoader.Parse($"storage:\n  backend: {backend}\n  {backend}:\n    key_names: false\n", Wd);

        foreach (var c in new[] { byDefault, on })
        {
            Assert.Equal((true, true, true), (c.Storage.KeyNamedUpstream, KeyNames(c, backend), CompositionRoot.OptionsFrom(c).ToS3Options().InlineThreshold == 0));
        }

        Assert.False(off.Storage.KeyNamedUpstream);
        Assert.False(KeyNames(off, backend));
        Assert.Equal(64 * 1024, CompositionRoot.OptionsFrom(off).ToS3Options().InlineThreshold);
    }

    [Fact]
    public void KeyNames_DefaultOfTheConfigRecords_IsOn()
    {
        Assert.True(new AwsStorageConfig().KeyNames);
        Assert.True(new AzureStorageConfig().KeyNames);
        Assert.True(new GcpStorageConfig().KeyNames);
    }

    [Fact]
    public void KeyNames_OnForAnotherBackendThanTheOneInUse_ChangesNothing()
    {
        var c = ConfigLoader.Parse("storage:\n  backend: local\n", Wd);

        Assert.False(c.Storage.KeyNamedUpstream);
        Assert.Equal(64 * 1024, CompositionRoot.OptionsFrom(c).ToS3Options().InlineThreshold);
    }

    [Fact]
    public void KeyNames_NotABoolean_NamesTheKey()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("storage:\n  aws:\n    key_names: maybe\n", Wd));

        Assert.Contains("storage.aws.key_names", e.Message, StringComparison.Ordinal);
    }

    private static bool KeyNames(BleepStoreConfig c, string backend) => backend switch
    {
        "aws" => c.Storage.Aws.KeyNames,
        "azure" => c.Storage.Azure.KeyNames,
        _ => c.Storage.Gcp.KeyNames,
    };
}
