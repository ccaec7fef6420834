namespace BleepStore.Infrastructure.Configuration;

/// <summary><c>storage.memory.*</c> beyond the size cap: whether the bytes outlive the process.</summary>
public sealed record MemoryStorageConfig
{
    /// <summary><see cref="MemoryPersistence.None"/> or <see cref="MemoryPersistence.Snapshot"/>.</summary>
    public string Persistence { get; init; } = MemoryPersistence.None;

    /// <summary>Absolute: relative paths are resolved against the working directory at load time.</summary>
    public string SnapshotPath { get; init; } = Path.GetFullPath("./data/memory.snap");

    /// <summary>Seconds between snapshots; 0 = only at shutdown. A snapshot is also written at every shutdown.</summary>
    public int SnapshotIntervalSeconds { get; init; } = 300;
}

public static class MemoryPersistence
{
    public const string None = "none";
    public const string Snapshot = "snapshot";
}
