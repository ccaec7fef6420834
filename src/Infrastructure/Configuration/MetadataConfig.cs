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
/// variables, as libpq's clients do), the most connections a node opens, and the longest a statement may run before it fails.
/// </summary>
public sealed record PostgresOptions
{
    /// <summary>The config key every connection failure names.</summary>
    public const string ConnectionStringKey = "metadata.postgres.connection_string";

    public string ConnectionString { get; init; } = "";

    /// <summary>Npgsql's Maximum Pool Size; null keeps Npgsql's default (100).</summary>
    public int? PoolSize { get; init; }

    /// <summary>Seconds before a statement is cancelled; null keeps Npgsql's default (30).</summary>
    public int? StatementTimeoutSeconds { get; init; }

    /// <summary>
    /// The Npgsql connection string to open: <see cref="ConnectionString"/>, with each of Host, Port, Database,
    /// Username, Password and SSL Mode it leaves out taken from <c>PGHOST</c>, <c>PGPORT</c>, <c>PGDATABASE</c>,
    /// <c>PGUSER</c>, <c>PGPASSWORD</c>, <c>PGSSLMODE</c> (Npgsql itself reads only some of them), then the pool
    /// size and statement timeout. Without a host at all, <c>localhost</c>.
    /// </summary>
    /// <exception cref="ConfigException">The string or a variable does not parse, naming <see cref="ConnectionStringKey"/>.</exception>
    public string ToConnectionString(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        Npgsql.NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
            // The builder answers every known key (with its default); its ConnectionString holds only the keys given,
            // under their canonical names whatever synonym was used (Server, User Id, DB...).
            var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = builder.ConnectionString };
            Fallback(builder, given, "Host", environment("PGHOST"));
            Fallback(builder, given, "Port", environment("PGPORT"));
            Fallback(builder, given, "Database", environment("PGDATABASE"));
            Fallback(builder, given, "Username", environment("PGUSER"));
            Fallback(builder, given, "Password", environment("PGPASSWORD"));
            // libpq spells the modes verify-ca / verify-full; Npgsql VerifyCA / VerifyFull.
            Fallback(builder, given, "SSL Mode", environment("PGSSLMODE")?.Replace("-", "", StringComparison.Ordinal));
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            throw new ConfigException(ConnectionStringKey, $"is not a valid PostgreSQL connection string ({e.Message})");
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            builder.Host = "localhost";
        }

        if (PoolSize is { } size)
        {
            builder.MaxPoolSize = size;
        }

        if (StatementTimeoutSeconds is { } seconds)
        {
            builder.CommandTimeout = seconds;
        }

        return builder.ConnectionString;
    }

    /// <summary>The connection string as configured with its password (if any) replaced by <paramref name="mask"/>.</summary>
    public string Redacted(string mask)
    {
        try
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
            if (!string.IsNullOrEmpty(builder.Password))
            {
                builder.Password = mask;
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return mask;
        }
    }

    private static void Fallback(Npgsql.NpgsqlConnectionStringBuilder builder, System.Data.Common.DbConnectionStringBuilder given, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value) && !given.ContainsKey(key))
        {
            builder[key] = value;
        }
    }
}

public static class MetadataEngines
{
    public const string Sqlite = "sqlite";
    public const string Memory = "memory";
    public const string Postgres = "postgres";
}
