using BleepStore.Api.Configuration;

namespace BleepStore.Api.Tests.Configuration;

public sealed class ExtraCredentialsConfigTests
{
    [Fact]
    public void Parse_CredentialsList_ReadsEveryEntry()
    {
        var config = ConfigLoader.Parse("""
            auth:
              credentials:
                - access_key: second
                  secret_key: second-secret
                  display_name: Second
                - access_key: third
                  secret_key: third-secret
            """, "/tmp");

        Assert.Equal([new ExtraCredential("second", "second-secret", "Second"), new ExtraCredential("third", "third-secret", "third")], config.Auth.Credentials);
    }

    [Fact]
    public void Parse_NoCredentials_Empty() => Assert.Empty(ConfigLoader.Parse("", "/tmp").Auth.Credentials);

    [Theory]
    [InlineData("auth:\n  credentials:\n    - secret_key: s\n", "auth.credentials[0].access_key")]
    [InlineData("auth:\n  credentials:\n    - access_key: a\n", "auth.credentials[0].secret_key")]
    [InlineData("auth:\n  credentials: nope\n", "auth.credentials")]
    [InlineData("auth:\n  credentials:\n    - just-a-string\n", "auth.credentials[0]")]
    public void Parse_BadEntries_NameTheKey(string yaml, string key)
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "/tmp"));
        Assert.StartsWith(key, ex.Message, StringComparison.Ordinal);
    }
}
