using BleepStore.Application;
using BleepStore.Domain.Access;
using BleepStore.Infrastructure.Configuration;

namespace BleepStore.Infrastructure.Hosting;

/// <summary>
/// What a host chooses when it embeds BleepStore: the S3 settings, the accounts, and where metadata and bytes
/// live. The server builds it from its YAML file and flags; an embedder builds it in code (or binds it from
/// configuration) and passes it to <c>services.AddBleepStore(options)</c>.
/// </summary>
public sealed record BleepStoreOptions
{
    public string Region { get; init; } = "us-east-1";

    /// <summary>Largest single PUT body or part (spec 95 #10).</summary>
    public long MaxObjectSize { get; init; } = 5L * 1024 * 1024 * 1024;

    public AuthConfig Auth { get; init; } = new();

    public MetadataConfig Metadata { get; init; } = new();

    public StorageConfig Storage { get; init; } = new();

    /// <summary>
    /// This node's id in a cluster (<c>cluster.node_id</c>, docs/cluster.md): with the local backend its temp files go
    /// to <c>{root}/.tmp/{id}</c>, and start-up recovery leaves the other nodes' alone. Null: with
    /// <c>metadata.engine: postgres</c> the node takes <see cref="NodeIds.Default"/> (host name and process id; the
    /// server passes its port instead); otherwise the node is alone and uses <c>{root}/.tmp</c>.
    /// </summary>
    public string? NodeId { get; init; }

    /// <summary>The node id in effect: <see cref="NodeId"/>, the default for a PostgreSQL node, or null for a node alone.</summary>
    public string? EffectiveNodeId => NodeId ?? (Metadata.Engine == MetadataEngines.Postgres ? NodeIds.Default(null) : null);

    /// <summary>How often multipart uploads older than seven days are aborted (spec 30); null = never.</summary>
    public TimeSpan? UploadReaperInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How lifecycle rules count days and batch their work (docs/lifecycle.md).</summary>
    public Application.Lifecycle.LifecycleOptions Lifecycle { get; init; } = new();

    /// <summary>How often the lifecycle worker applies every bucket's rules (<c>lifecycle.scan_interval_seconds</c>); null = never.</summary>
    public TimeSpan? LifecycleInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Spec 95 #9: the seeded account's id and display name are its access key.</summary>
    public Owner SeededOwner => new(Auth.AccessKey, Auth.AccessKey);

    /// <summary>Metadata in <c>{directory}/metadata.db</c>, objects under <c>{directory}/objects</c>.</summary>
    public static BleepStoreOptions InDirectory(string directory)
    {
        var root = Path.GetFullPath(directory);
        return new BleepStoreOptions
        {
            Metadata = new MetadataConfig { SqlitePath = Path.Combine(root, "metadata.db") },
            Storage = new StorageConfig { LocalRootDir = Path.Combine(root, "objects") },
        };
    }

    /// <summary>Metadata and bytes in process memory: nothing touches the disk, nothing survives the process.</summary>
    public static BleepStoreOptions InMemory() => new()
    {
        Metadata = new MetadataConfig { Engine = MetadataEngines.Memory },
        Storage = new StorageConfig { Backend = StorageBackends.Memory },
    };

    /// <summary>
    /// A gateway that names upstream objects by key keeps every object upstream, small ones too (decision 0010),
    /// so nothing is inlined in the metadata row there.
    /// </summary>
    public S3Options ToS3Options() => new()
    {
        Region = Region,
        MaxObjectSize = MaxObjectSize,
        AuthEnabled = Auth.Enabled,
        DefaultOwner = SeededOwner,
        InlineThreshold = Storage.KeyNamedUpstream ? 0 : new S3Options().InlineThreshold,
        // On PostgreSQL the store caches credentials itself, invalidated by LISTEN/NOTIFY (docs/cluster.md "Caches"):
        // a time-based cache here would keep a key another node disabled for its whole lifetime.
        CredentialCacheLifetime = Metadata.Engine == MetadataEngines.Postgres ? TimeSpan.Zero : new S3Options().CredentialCacheLifetime,
    };
}
