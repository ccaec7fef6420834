namespace BleepStore.Infrastructure.Configuration;

/// <summary>Which backend holds the bytes (<c>storage.*</c>).</summary>
public sealed record StorageConfig
{
    public string Backend { get; init; } = StorageBackends.Local;

    public string LocalRootDir { get; init; } = Path.GetFullPath("./data/objects");

    /// <summary>0 = unlimited.</summary>
    public long MemoryMaxSizeBytes { get; init; }

    /// <summary><c>storage.memory.persistence</c>, <c>snapshot_path</c>, <c>snapshot_interval_seconds</c>.</summary>
    public MemoryStorageConfig Memory { get; init; } = new();

    /// <summary>Blob database of the <c>sqlite</c> backend; defaults to the metadata database file.</summary>
    public string? SqlitePath { get; init; }

    /// <summary><c>storage.aws.*</c>: the AWS S3 gateway.</summary>
    public AwsStorageConfig Aws { get; init; } = new();

    /// <summary><c>storage.azure.*</c>: the Azure Blob gateway.</summary>
    public AzureStorageConfig Azure { get; init; } = new();

    /// <summary><c>storage.gcp.*</c>: the Google Cloud Storage gateway.</summary>
    public GcpStorageConfig Gcp { get; init; } = new();

    /// <summary>True when the configured gateway keeps objects under <c>{prefix}{bucket}/{key}</c> (decision 0010).</summary>
    public bool KeyNamedUpstream => Backend switch
    {
        StorageBackends.Aws => Aws.KeyNames,
        StorageBackends.Azure => Azure.KeyNames,
        StorageBackends.Gcp => Gcp.KeyNames,
        _ => false,
    };
}

public static class StorageBackends
{
    public const string Local = "local";
    public const string Memory = "memory";
    public const string Sqlite = "sqlite";
    public const string Aws = "aws";
    public const string Azure = "azure";
    public const string Gcp = "gcp";
}
