namespace BleepStore.Infrastructure.Configuration;

/// <summary>Which metadata engine holds buckets, objects, uploads and credentials (<c>metadata.*</c>).</summary>
public sealed record MetadataConfig
{
    public string Engine { get; init; } = MetadataEngines.Sqlite;

    /// <summary>Absolute: relative paths are resolved against the working directory at load time.</summary>
    public string SqlitePath { get; init; } = Path.GetFullPath("./data/metadata.db");
}

public static class MetadataEngines
{
    public const string Sqlite = "sqlite";
    public const string Memory = "memory";
}
