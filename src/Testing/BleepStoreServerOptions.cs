namespace BleepStore.Testing;

/// <summary>How an in-process test server is set up. Every instance gets its own port, keys' store and data.</summary>
public sealed record BleepStoreServerOptions
{
    public string AccessKey { get; init; } = "test-access-key";

    public string SecretKey { get; init; } = "test-secret-key";

    public string Region { get; init; } = "us-east-1";

    /// <summary>Where metadata and bytes live; <see cref="TestStorage.TempDirectory"/> by default.</summary>
    public TestStorage Storage { get; init; } = TestStorage.TempDirectory;

    /// <summary>Keep the data directory after disposal (to look at it after a failed test); it is deleted by default.</summary>
    public bool KeepData { get; init; }

    /// <summary>Largest single PUT body or part.</summary>
    public long MaxObjectSize { get; init; } = 5L * 1024 * 1024 * 1024;
}

public enum TestStorage
{
    /// <summary>Real SQLite metadata and local-filesystem objects in a fresh temp directory: what production runs.</summary>
    TempDirectory,

    /// <summary>SQLite metadata in a fresh temp directory, object bytes in memory.</summary>
    MemoryObjects,

    /// <summary>Metadata and bytes in process memory: no directory at all; the fastest to start.</summary>
    Memory,
}
