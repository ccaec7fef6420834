using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using BleepStore.Infrastructure.Configuration;
using BleepStore.Infrastructure.Metadata.Postgres;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BleepStore.Infrastructure.Metadata.Transfer;

/// <summary>What to export and how to name the writer (<c>source</c>).</summary>
public sealed record ExportOptions
{
    public IReadOnlyList<ExportTable> Tables { get; init; } = ExportTable.All;

    /// <summary><c>--include-credentials</c>: secrets as stored; otherwise every <c>secret_key</c> is <c>"REDACTED"</c>.</summary>
    public bool IncludeCredentials { get; init; }

    /// <summary><c>"&lt;impl&gt;/&lt;version&gt;"</c>.</summary>
    public string Source { get; init; } = "bleepstore-dotnet/0.0.0";
}

/// <summary>
/// <c>bleepstore meta export</c> (spec 60): the SQLite file opened read-only, every selected table written as
/// rows keyed by column name (the file's own columns, so a file of the earlier implementations' schema exports as
/// it is), JSON columns embedded as JSON, booleans as booleans, BLOBs base64, NULL as null; keys sorted at every
/// level, 2-space indent, non-ASCII unescaped, rows in primary-key order. Equal data gives byte-identical
/// output except <c>exported_at</c> and <c>source</c>, whichever engine holds it: a PostgreSQL database
/// (<see cref="RunPostgres"/>) exports the same bytes as a SQLite file with the same rows, its
/// <c>schema_version</c> being the SQLite step its schema models. Streams: memory stays flat whatever the row count.
/// </summary>
public static class MetadataExport
{
    public const string Redacted = "REDACTED";
    public const int FormatVersion = 1;

    /// <returns>Rows written per table.</returns>
    public static IReadOnlyDictionary<string, long> Run(string dbPath, Stream output, ExportOptions options, DateTimeOffset now, Action<string, long>? progress = null)
    {
        if (!File.Exists(dbPath))
        {
            throw new FileNotFoundException($"metadata database '{dbPath}' not found", dbPath);
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout=5000;";
            pragma.ExecuteNonQuery();
        }

        // One read transaction: a consistent snapshot even while a server writes (WAL).
        using var tx = connection.BeginTransaction(deferred: true);
        return Write(connection, tx, SchemaVersion(connection, tx), table => Columns(connection, tx, table), static (_, text) => text, output, options, now, progress);
    }

    /// <summary>
    /// The same export from the PostgreSQL database <paramref name="postgres"/> names (keys it leaves out from the
    /// <c>PG*</c> environment variables), read in one REPEATABLE READ snapshot while nodes keep serving.
    /// </summary>
    /// <returns>Rows written per table.</returns>
    public static IReadOnlyDictionary<string, long> RunPostgres(PostgresOptions postgres, Stream output, ExportOptions options, DateTimeOffset now, Action<string, long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        using var connection = new NpgsqlConnection(postgres.ToConnectionString(Environment.GetEnvironmentVariable));
        connection.Open();
        using var tx = connection.BeginTransaction(IsolationLevel.RepeatableRead);
        using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, tx))
        {
            readOnly.ExecuteNonQuery();
        }

        // Object keys are stored escaped there (U+0000 cannot be in PostgreSQL text): the export holds the keys themselves.
        return Write(connection, tx, PostgresSchemaVersion(connection, tx), table => PostgresColumns(connection, tx, table),
            static (column, text) => column == "key" ? PostgresKeys.Decode(text) : text, output, options, now, progress);
    }

    private static Dictionary<string, long> Write(
        DbConnection connection, DbTransaction tx, long schemaVersion, Func<string, List<(string Name, string Type, bool NotNull, bool HasDefault)>> columns,
        Func<string, string, string> stored, Stream output, ExportOptions options, DateTimeOffset now, Action<string, long>? progress)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = ExportJsonEncoder.Instance });
        json.WriteStartObject();
        json.WriteStartObject("bleepstore_export");
        json.WriteString("exported_at", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        json.WriteNumber("schema_version", schemaVersion);
        json.WriteString("source", options.Source);
        json.WriteNumber("version", FormatVersion);
        json.WriteEndObject();

        // Top-level keys sorted too: tables by name.
        foreach (var table in options.Tables.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            counts[table.Name] = WriteTable(connection, tx, columns(table.Name), stored, json, table, options.IncludeCredentials, progress);
        }

        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
        output.Flush();
        return counts;
    }

    private static long SchemaVersion(SqliteConnection connection, SqliteTransaction tx)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT COALESCE(MAX(version), 1) FROM schema_version";
        try
        {
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 1;
        }
    }

    /// <summary>The SQLite schema step the database's PostgreSQL schema version models (version 1 = step 10).</summary>
    private static long PostgresSchemaVersion(NpgsqlConnection connection, NpgsqlTransaction tx)
    {
        using var command = new NpgsqlCommand("SELECT to_regclass('schema_version') IS NOT NULL", connection, tx);
        if (!(bool)command.ExecuteScalar()!)
        {
            return PostgresSchema.SqliteEquivalent(PostgresSchema.Version);
        }

        command.CommandText = "SELECT COALESCE(MAX(version), 1) FROM schema_version";
        return PostgresSchema.SqliteEquivalent(Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The table's columns in the PostgreSQL database, typed as SQLite declares them (<c>INTEGER</c>, <c>BLOB</c>,
    /// <c>TEXT</c>), or empty when it has no such table.
    /// </summary>
    internal static List<(string Name, string Type, bool NotNull, bool HasDefault)> PostgresColumns(NpgsqlConnection connection, NpgsqlTransaction? tx, string table)
    {
        using var command = new NpgsqlCommand(
            "SELECT column_name::text, data_type::text, is_nullable = 'NO', column_default IS NOT NULL OR is_identity = 'YES' " +
            "FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table ORDER BY ordinal_position",
            connection,
            tx);
        command.Parameters.AddWithValue("table", table);
        using var reader = command.ExecuteReader();
        var columns = new List<(string, string, bool, bool)>();
        while (reader.Read())
        {
            var type = reader.GetString(1) switch
            {
                "bigint" or "integer" or "smallint" => "INTEGER",
                "bytea" => "BLOB",
                _ => "TEXT",
            };
            columns.Add((reader.GetString(0), type, reader.GetBoolean(2), reader.GetBoolean(3)));
        }

        return columns;
    }

    /// <summary>The table's columns in the file (name, declared type), or empty when the file has no such table.</summary>
    internal static List<(string Name, string Type, bool NotNull, bool HasDefault)> Columns(SqliteConnection connection, SqliteTransaction? tx, string table)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"SELECT name, type, \"notnull\", dflt_value FROM pragma_table_info('{table}')";
        using var reader = command.ExecuteReader();
        var columns = new List<(string, string, bool, bool)>();
        while (reader.Read())
        {
            columns.Add((reader.GetString(0), reader.GetString(1).ToUpperInvariant(), reader.GetInt64(2) != 0, !reader.IsDBNull(3)));
        }

        return columns;
    }

    private static long WriteTable(
        DbConnection connection, DbTransaction tx, List<(string Name, string Type, bool NotNull, bool HasDefault)> columns, Func<string, string, string> stored, Utf8JsonWriter json, ExportTable table, bool includeCredentials, Action<string, long>? progress)
    {
        json.WriteStartArray(table.Name);
        long rows = 0;
        if (columns.Count > 0)
        {
            var sorted = columns.Select((c, i) => (c.Name, c.Type, Ordinal: i)).OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();
            using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => Quote(c.Name)))} FROM {table.Name} ORDER BY {table.OrderBy}";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                json.WriteStartObject();
                foreach (var (name, type, ordinal) in sorted)
                {
                    json.WritePropertyName(name);
                    WriteValue(json, table, name, type, reader, ordinal, includeCredentials, stored);
                }

                json.WriteEndObject();
                rows++;
                if (json.BytesPending > 64 * 1024)
                {
                    json.Flush();
                }

                if (rows % 10_000 == 0)
                {
                    progress?.Invoke(table.Name, rows);
                }
            }
        }

        json.WriteEndArray();
        progress?.Invoke(table.Name, rows);
        return rows;
    }

    private static void WriteValue(Utf8JsonWriter json, ExportTable table, string column, string type, DbDataReader reader, int ordinal, bool includeCredentials, Func<string, string, string> stored)
    {
        if (reader.IsDBNull(ordinal))
        {
            json.WriteNullValue();
            return;
        }

        if (table == ExportTable.Credentials && column == "secret_key" && !includeCredentials)
        {
            json.WriteStringValue(Redacted);
            return;
        }

        if (table.BoolColumns.Contains(column))
        {
            json.WriteBooleanValue(reader.GetInt64(ordinal) != 0);
            return;
        }

        switch (reader.GetFieldType(ordinal))
        {
            case var t when t == typeof(long) || t == typeof(int) || t == typeof(short):
                json.WriteNumberValue(reader.GetInt64(ordinal));
                return;
            case var t when t == typeof(double):
                json.WriteNumberValue(reader.GetDouble(ordinal));
                return;
            case var t when t == typeof(byte[]):
                json.WriteBase64StringValue((byte[])reader.GetValue(ordinal));
                return;
        }

        var text = stored(column, reader.GetString(ordinal));
        if (table.JsonColumns.Contains(column) && TryParse(text, out var document))
        {
            using (document)
            {
                WriteSorted(json, document.RootElement);
            }

            return;
        }

        json.WriteStringValue(text);
    }

    private static bool TryParse(string text, out JsonDocument document)
    {
        try
        {
            document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            document = null!;
            return false;
        }
    }

    /// <summary>Writes <paramref name="element"/> with object keys sorted (ordinal) at every level.</summary>
    internal static void WriteSorted(Utf8JsonWriter json, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                json.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    json.WritePropertyName(property.Name);
                    WriteSorted(json, property.Value);
                }

                json.WriteEndObject();
                break;
            case JsonValueKind.Array:
                json.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteSorted(json, item);
                }

                json.WriteEndArray();
                break;
            default:
                element.WriteTo(json);
                break;
        }
    }

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
