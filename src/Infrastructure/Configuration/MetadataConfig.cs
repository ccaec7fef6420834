namespace BleepStore.Infrastructure.Configuration;

/// <summary>Which metadata engine holds buckets, objects, uploads and credentials (<c>metadata.*</c>).</summary>
public sealed record MetadataConfig
{
    public string Engine { get; init; } = MetadataEngines.Sqlite;

    /// <summary>Absolute: relative paths are resolved against the working directory at load time.</summary>
    public string SqlitePath { get; init; } = Path.GetFullPath("./data/metadata.db");

    /// <summary><c>metadata.postgres.*</c>, read when <see cref="Engine"/> is <c>postgres</c>.</summary>
    public PostgresOptions Postgres { get; init; } = new();
}

/// <summary>
/// <c>metadata.postgres.*</c>: an Npgsql connection string (keys it leaves out fall back to the <c>PG*</c> environment
/// variables), the most connections a node opens, and the longest a statement may run before it fails.
/// </summary>
public sealed record PostgresOptions
{
    public string ConnectionString { get; init; } = "";

    /// <summary>Npgsql's Maximum Pool Size; null keeps Npgsql's default (100).</summary>
    public int? PoolSize { get; init; }

    /// <summary>Seconds before a statement is cancelled; null keeps Npgsql's default (30).</summary>
    public int? StatementTimeoutSeconds { get; init; }
}

public static class MetadataEngines
{
    public const string Sqlite = "sqlite";
    public const string Memory = "memory";
    public const string Postgres = "postgres";
}
