using BleepStore.Api.Admin;
using BleepStore.Api.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BleepStore.Api.Tests.Configuration;

/// <summary><c>metadata.engine: postgres</c> and <c>metadata.postgres.*</c>: parsing, the PG* fallbacks, pairing, redaction.</summary>
public sealed class PostgresConfigTests
{
    private const string Wd = "/srv/bleep";

    [Fact]
    public void Parse_PostgresKeys_AreRead()
    {
        var c = ConfigLoader.Parse(
            "metadata:\n  engine: Postgres\n  postgres:\n    connection_string: 'Host=db.internal;Database=bleep'\n    pool_size: 40\n    statement_timeout_seconds: 12\n", Wd);

        Assert.Equal("postgres", c.Metadata.Engine);
        Assert.Equal(new PostgresOptions { ConnectionString = "Host=db.internal;Database=bleep", PoolSize = 40, StatementTimeoutSeconds = 12 }, c.Metadata.Postgres);
        Assert.Empty(c.Warnings);
    }

    [Fact]
    public void Parse_NoPostgresKeys_LeavesEverythingToNpgsqlAndTheEnvironment()
    {
        var c = ConfigLoader.Parse("metadata:\n  engine: postgres\n", Wd);

        Assert.Equal(new PostgresOptions(), c.Metadata.Postgres);
        Assert.Equal("", c.Metadata.Postgres.ConnectionString);
    }

    [Theory]
    [InlineData("    pool_size: 0\n", "metadata.postgres.pool_size: '0' is not a whole number above 0")]
    [InlineData("    pool_size: many\n", "metadata.postgres.pool_size: 'many'")]
    [InlineData("    statement_timeout_seconds: -1\n", "metadata.postgres.statement_timeout_seconds: '-1' is not a whole number of seconds")]
    [InlineData("    statement_timeout_seconds: soon\n", "metadata.postgres.statement_timeout_seconds: 'soon'")]
    [InlineData("    connection_string: 'Hots=db'\n", "metadata.postgres.connection_string: is not a valid PostgreSQL connection string")]
    [InlineData("    connection_string: 'Host=db;Port=abc'\n", "metadata.postgres.connection_string: is not a valid PostgreSQL connection string")]
    public void Parse_BadPostgresValue_NamesTheKey(string keys, string expectedStart)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("metadata:\n  engine: postgres\n  postgres:\n" + keys, Wd));

        Assert.StartsWith(expectedStart, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Parse_MisspeltPostgresKey_WarnsWithTheNearestKnownKey()
    {
        var c = ConfigLoader.Parse("metadata:\n  postgres:\n    pool_sise: 4\n", Wd);

        Assert.Equal(["unknown config key 'metadata.postgres.pool_sise' is ignored (nearest known key: 'metadata.postgres.pool_size')"], c.Warnings);
    }

    [Fact]
    public void ToConnectionString_KeysLeftOut_ComeFromThePgVariables()
    {
        var environment = new Dictionary<string, string>
        {
            ["PGHOST"] = "pg.example",
            ["PGPORT"] = "6543",
            ["PGDATABASE"] = "meta",
            ["PGUSER"] = "bleep",
            ["PGPASSWORD"] = "s3cret",
            ["PGSSLMODE"] = "verify-full",
        };

        var b = new NpgsqlConnectionStringBuilder(new PostgresOptions().ToConnectionString(environment.GetValueOrDefault));

        Assert.Equal(("pg.example", 6543, "meta", "bleep", "s3cret", SslMode.VerifyFull), (b.Host, b.Port, b.Database, b.Username, b.Password, b.SslMode));
    }

    [Fact]
    public void ToConnectionString_KeysGiven_WinOverThePgVariables_WhateverTheirSpelling()
    {
        var environment = new Dictionary<string, string> { ["PGHOST"] = "env-host", ["PGPORT"] = "6543", ["PGUSER"] = "env-user", ["PGDATABASE"] = "env-db" };
        var options = new PostgresOptions { ConnectionString = "Server=given-host;User Id=given-user;Port=5433", PoolSize = 7, StatementTimeoutSeconds = 9 };

        var b = new NpgsqlConnectionStringBuilder(options.ToConnectionString(environment.GetValueOrDefault));

        Assert.Equal(("given-host", 5433, "given-user", "env-db"), (b.Host, b.Port, b.Username, b.Database));
        Assert.Equal((7, 9), (b.MaxPoolSize, b.CommandTimeout));
    }

    [Fact]
    public void ToConnectionString_NothingAnywhere_IsLocalhostOnNpgsqlsDefaults()
    {
        var b = new NpgsqlConnectionStringBuilder(new PostgresOptions().ToConnectionString(static _ => null));

        Assert.Equal(("localhost", 5432, 100, 30), (b.Host, b.Port, b.MaxPoolSize, b.CommandTimeout));
    }

    [Fact]
    public void ToConnectionString_BadPgPort_NamesTheKey()
    {
        var e = Assert.Throws<ConfigException>(() => new PostgresOptions().ToConnectionString(n => n == "PGPORT" ? "port-five" : null));

        Assert.StartsWith("metadata.postgres.connection_string: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AdminSettings_ShowTheConnectionString_WithoutItsPassword()
    {
        var c = ConfigLoader.Parse("metadata:\n  engine: postgres\n  postgres:\n    connection_string: 'Host=db;Username=u;Password=hunter2'\n    pool_size: 5\n", Wd);

        var settings = AdminSetup.Settings(c).ToDictionary(s => s.Key, s => s.Value);

        Assert.Equal("Host=db;Username=u;Password=**REDACTED**", settings["metadata.postgres.connection_string"]);
        Assert.Equal("5", settings["metadata.postgres.pool_size"]);
        Assert.Null(settings["metadata.postgres.statement_timeout_seconds"]);
        Assert.DoesNotContain(settings.Values, v => v?.Contains("hunter2", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("snapshot")]
    public void Pairing_PostgresWithMemoryStorage_IsRefused_NamingStorageBackend(string persistence)
    {
        var metadata = new MetadataConfig { Engine = MetadataEngines.Postgres };
        var storage = new StorageConfig { Backend = StorageBackends.Memory, Memory = new MemoryStorageConfig { Persistence = persistence } };

        var e = Assert.Throws<ConfigException>(() => new ServiceCollection().AddBleepStore(new Infrastructure.Hosting.BleepStoreOptions { Metadata = metadata, Storage = storage }));

        Assert.StartsWith("storage.backend: 'memory' keeps the bytes in one process while metadata.engine 'postgres' keeps the rows", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StorageBackends.Local, "none")]
    [InlineData(StorageBackends.Sqlite, "none")]
    public void Pairing_PostgresWithDurableBytes_IsAccepted(string backend, string persistence)
    {
        var metadata = new MetadataConfig { Engine = MetadataEngines.Postgres };
        var storage = new StorageConfig { Backend = backend, Memory = new MemoryStorageConfig { Persistence = persistence } };

        // Registration only: nothing is opened until the container builds the store.
        new ServiceCollection().AddBleepStore(new Infrastructure.Hosting.BleepStoreOptions { Metadata = metadata, Storage = storage });
    }
}
