namespace BleepStore.Application.Admin;

/// <summary>
/// What the host tells the admin use cases about itself: its version, when it started, which adapters it runs,
/// where it listens, and its configuration as flat dotted keys with every secret already replaced by
/// <see cref="Redacted"/>. The host registers one; an embedder without an admin API need not.
/// </summary>
public sealed record AdminHostInfo
{
    /// <summary>What a secret's value reads as in the admin API (spec 70).</summary>
    public const string Redacted = "**REDACTED**";

    public string Version { get; init; } = "0.0.0";

    public string Commit { get; init; } = "unknown";

    public DateTimeOffset StartedAt { get; init; }

    public string StorageBackend { get; init; } = "";

    public string MetadataEngine { get; init; } = "";

    public string ListenAddress { get; init; } = "";

    /// <summary>Null when the admin API is served under <c>/admin</c> on the S3 port.</summary>
    public string? AdminListenAddress { get; init; }

    /// <summary>Where the data lives: the local backend's root, the SQLite file's directory, or the gateway's target.</summary>
    public string DataDirectory { get; init; } = "";

    public long MaxObjectSize { get; init; }

    /// <summary>Every configuration key with its effective value (null: unset), secrets redacted, ordered by key.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Settings { get; init; } = [];
}
