namespace BleepStore.Api.Configuration;

/// <summary>The whole configuration (spec 70), after defaults, the YAML file and CLI flags.</summary>
public sealed record BleepStoreConfig
{
    public ServerConfig Server { get; init; } = new();

    public AuthConfig Auth { get; init; } = new();

    public LoggingConfig Logging { get; init; } = new();

    public MetadataConfig Metadata { get; init; } = new();

    public StorageConfig Storage { get; init; } = new();

    public ObservabilityConfig Observability { get; init; } = new();
}

public sealed record ServerConfig
{
    public string Host { get; init; } = "0.0.0.0";

    public int Port { get; init; } = 9000;

    public string Region { get; init; } = "us-east-1";

    public int ShutdownTimeoutSeconds { get; init; } = 30;

    public long MaxObjectSize { get; init; } = 5L * 1024 * 1024 * 1024;

    /// <summary>Domains for virtual-hosted style (<c>{bucket}.{domain}</c>); empty = path-style only.</summary>
    public IReadOnlyList<string> Domains { get; init; } = [];
}

public sealed record AuthConfig
{
    public string AccessKey { get; init; } = "bleepstore";

    public string SecretKey { get; init; } = "bleepstore-secret";

    public bool Enabled { get; init; } = true;

    /// <summary>More accounts beside the seeded one (<c>auth.credentials</c>), each its own owner; upserted at every start.</summary>
    public IReadOnlyList<ExtraCredential> Credentials { get; init; } = [];
}

/// <summary>One entry of <c>auth.credentials</c>: owner id = access key, display name optional.</summary>
public sealed record ExtraCredential(string AccessKey, string SecretKey, string DisplayName);

public sealed record LoggingConfig
{
    public LogLevelName Level { get; init; } = LogLevelName.Info;

    public LogFormat Format { get; init; } = LogFormat.Text;
}

public sealed record MetadataConfig
{
    public string Engine { get; init; } = MetadataEngines.Sqlite;

    /// <summary>Absolute: relative paths are resolved against the working directory at load time.</summary>
    public string SqlitePath { get; init; } = Path.GetFullPath("./data/metadata.db");
}

public sealed record StorageConfig
{
    public string Backend { get; init; } = StorageBackends.Local;

    public string LocalRootDir { get; init; } = Path.GetFullPath("./data/objects");

    /// <summary>0 = unlimited.</summary>
    public long MemoryMaxSizeBytes { get; init; }

    /// <summary>Blob database of the <c>sqlite</c> backend; defaults to the metadata database file.</summary>
    public string? SqlitePath { get; init; }
}

public sealed record ObservabilityConfig
{
    public bool Metrics { get; init; } = true;

    public bool HealthCheck { get; init; } = true;
}

public enum LogLevelName
{
    Trace,
    Debug,
    Info,
    Warn,
    Error,
    Critical,
}

public enum LogFormat
{
    Text,
    Json,
}

public static class MetadataEngines
{
    public const string Sqlite = "sqlite";
    public const string Memory = "memory";
}

public static class StorageBackends
{
    public const string Local = "local";
    public const string Memory = "memory";
    public const string Sqlite = "sqlite";
}
