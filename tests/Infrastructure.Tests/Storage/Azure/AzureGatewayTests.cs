using BleepStore.Infrastructure.Configuration;
using BleepStore.Infrastructure.Storage.Azure;

namespace BleepStore.Infrastructure.Tests.Storage.Azure;

/// <summary>Opening the azure gateway from <c>storage.azure.*</c>: what works, and which key a failure names.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureGatewayTests(AzuriteFixture azurite)
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public async Task Open_ExistingContainer_ServesWithPrefix()
    {
        var container = azurite.NewContainer();

        var storage = AzureGateway.Open(new AzureStorageConfig { Container = container.Name, ConnectionString = azurite.ConnectionString, Prefix = "p/" }, NoEnvironment);
        var blob = await storage.WriteAsync("b", new MemoryStream([1, 2]), CancellationToken.None);

        Assert.True(await container.GetBlobClient($"p/.blobs/b/{blob.BlobId}").ExistsAsync());
    }

    [Fact]
    public void Open_ConnectionStringFromEnvironment_IsUsed()
    {
        var container = azurite.NewContainer();

        var storage = AzureGateway.Open(new AzureStorageConfig { Container = container.Name }, name => name == "AZURE_STORAGE_CONNECTION_STRING" ? azurite.ConnectionString : null);

        Assert.Equal("azure", storage.Name);
    }

    [Fact]
    public void Open_MissingContainer_NamesContainerKey() =>
        AssertKey("storage.azure.container", new AzureStorageConfig { Container = "absent" + Guid.NewGuid().ToString("N"), ConnectionString = azurite.ConnectionString });

    [Fact]
    public void Open_WrongAccountKey_NamesConnectionString()
    {
        var wrong = azurite.ConnectionString.Replace("AccountKey=Eby8", "AccountKey=Xby8", StringComparison.Ordinal);

        AssertKey("storage.azure.connection_string", new AzureStorageConfig { Container = azurite.NewContainer().Name, ConnectionString = wrong });
    }

    [Theory]
    [InlineData(null, "x", "storage.azure.container")]
    [InlineData("c", "not a connection string", "storage.azure.connection_string")]
    [InlineData("c", null, "storage.azure.account")]
    public void Open_IncompleteConfig_NamesKey(string? container, string? connectionString, string key) =>
        AssertKey(key, new AzureStorageConfig { Container = container, ConnectionString = connectionString });

    private static void AssertKey(string key, AzureStorageConfig config)
    {
        var e = Assert.Throws<ConfigException>(() => AzureGateway.Open(config, NoEnvironment));

        Assert.Equal(key, e.Key);
        Assert.DoesNotContain('\n', e.Message);
    }
}
