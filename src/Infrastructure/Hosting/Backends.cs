using BleepStore.Application.Abstractions;
using BleepStore.Infrastructure.Configuration;
using BleepStore.Infrastructure.Metadata.Memory;
using BleepStore.Infrastructure.Metadata.Postgres;
using BleepStore.Infrastructure.Metadata.Sqlite;
using BleepStore.Infrastructure.Storage.Aws;
using BleepStore.Infrastructure.Storage.Azure;
using BleepStore.Infrastructure.Storage.Gcp;
using BleepStore.Infrastructure.Storage.Local;
using BleepStore.Infrastructure.Storage.Memory;
using BleepStore.Infrastructure.Storage.Sqlite;

namespace BleepStore.Infrastructure.Hosting;

/// <summary>Opens the configured adapters; a failure names the config key that chose the broken path.</summary>
internal static class Backends
{
    public static IMetadataStore OpenMetadata(MetadataConfig config, Microsoft.Extensions.Logging.ILoggerFactory? loggers = null) => config.Engine switch
    {
        MetadataEngines.Sqlite => Open("metadata.sqlite.path", config.SqlitePath, static p => new SqliteMetadataStore(p)),
        MetadataEngines.Memory => new MemoryMetadataStore(),
        MetadataEngines.Postgres => OpenPostgres(config.Postgres, loggers),
        _ => throw new ConfigException("metadata.engine", $"'{config.Engine}' is not available in this build (use sqlite, postgres or memory)"),
    };

    /// <summary>
    /// Connects and migrates at start-up: a database that cannot be reached, refuses the login or is newer than this
    /// build stops start-up with one line naming <c>metadata.postgres.connection_string</c> (never the password).
    /// </summary>
    public static PostgresMetadataStore OpenPostgres(PostgresOptions options, Microsoft.Extensions.Logging.ILoggerFactory? loggers = null)
    {
        try
        {
            return new PostgresMetadataStore(options, loggers);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or IOException or InvalidOperationException or ArgumentException)
        {
            var target = Target(options);
            throw new ConfigException(PostgresOptions.ConnectionStringKey, $"cannot open the PostgreSQL database{target}: {FirstLine(e)}");
        }
    }

    private static string Target(PostgresOptions options)
    {
        try
        {
            var b = new Npgsql.NpgsqlConnectionStringBuilder(options.ToConnectionString(Environment.GetEnvironmentVariable));
            return $" {b.Database ?? b.Username}@{b.Host}:{b.Port}";
        }
        catch (ConfigException)
        {
            return "";
        }
    }

    private static string FirstLine(Exception e)
    {
        // Npgsql wraps the socket error; the innermost message says what happened (refused, timed out, unknown host).
        var message = e is Npgsql.PostgresException pg ? $"{pg.SqlState}: {pg.MessageText}" : (e.InnerException ?? e).Message;
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }

    /// <summary>
    /// Volatile metadata forgets every row at exit; bytes kept by a durable backend would then be named by nothing
    /// and never reclaimed, so memory metadata pairs only with memory storage. The other way round, PostgreSQL keeps
    /// every row across restarts, so it needs bytes that survive them too: any backend but memory without a snapshot.
    /// </summary>
    public static void CheckPairing(MetadataConfig metadata, StorageConfig storage)
    {
        // Even with snapshots the bytes are one process's: a second node on the same database would find every row
        // naming them without bytes, and its start-up would remove those rows (docs/cluster.md).
        if (metadata.Engine == MetadataEngines.Postgres && storage.Backend == StorageBackends.Memory)
        {
            throw new ConfigException("storage.backend", "'memory' keeps the bytes in one process while metadata.engine 'postgres' keeps the rows naming them where every node sees them; use local (a shared directory), sqlite, aws, gcp or azure");
        }

        if (metadata.Engine == MetadataEngines.Memory && storage.Backend != StorageBackends.Memory)
        {
            throw new ConfigException("metadata.engine", $"'memory' keeps nothing across restarts and needs storage.backend 'memory' (not '{storage.Backend}')");
        }

        if (metadata.Engine == MetadataEngines.Memory && storage.Memory.Persistence == MemoryPersistence.Snapshot)
        {
            throw new ConfigException("storage.memory.persistence", "a snapshot of the bytes is of no use with metadata.engine 'memory', which forgets every row at exit");
        }
    }

    public static IObjectStorage OpenStorage(StorageConfig config, MetadataConfig metadata, string? nodeId = null) => config.Backend switch
    {
        StorageBackends.Local => Open("storage.local.root_dir", config.LocalRootDir, p => new LocalObjectStorage(p, nodeId)),
        StorageBackends.Memory => OpenMemory(config),
        // Spec 60: the sqlite backend keeps bytes inside the metadata database unless told otherwise.
        StorageBackends.Sqlite => config.SqlitePath is { } own
            ? Open("storage.sqlite.path", own, static p => new SqliteObjectStorage(p))
            : Open("metadata.sqlite.path", metadata.SqlitePath, static p => new SqliteObjectStorage(p)),
        StorageBackends.Aws => OpenAws(config.Aws),
        StorageBackends.Azure => AzureGateway.Open(config.Azure, Environment.GetEnvironmentVariable),
        StorageBackends.Gcp => GcsGateway.Open(config.Gcp, Environment.GetEnvironmentVariable),
        _ => throw new ConfigException("storage.backend", $"'{config.Backend}' is not available in this build"),
    };

    private static AwsObjectStorage OpenAws(AwsStorageConfig config)
    {
        var options = config.ToOptions(Environment.GetEnvironmentVariable);
        try
        {
            return new AwsObjectStorage(options);
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException)
        {
            throw new ConfigException(options.EndpointUrl is null ? "storage.aws.region" : "storage.aws.endpoint_url", e.Message);
        }
    }

    private static MemoryObjectStorage OpenMemory(StorageConfig config)
    {
        var storage = new MemoryObjectStorage(config.MemoryMaxSizeBytes);
        if (config.Memory.Persistence == MemoryPersistence.Snapshot)
        {
            Open("storage.memory.snapshot_path", config.Memory.SnapshotPath, p =>
            {
                storage.Load(p);
                return storage;
            });
        }

        return storage;
    }

    private static T Open<T>(string key, string path, Func<string, T> open)
    {
        try
        {
            return open(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or ArgumentException or NotSupportedException)
        {
            throw new ConfigException(key, $"cannot open '{path}': {e.Message}");
        }
    }
}
