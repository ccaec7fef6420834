using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using BleepStore.Infrastructure.Configuration;
using BleepStore.Infrastructure.Metadata.Postgres;
using BleepStore.Infrastructure.Metadata.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BleepStore.Infrastructure.Metadata.Transfer;

public sealed record ImportOptions
{
    /// <summary><c>--replace</c>: the tables present in the export are emptied first; else merge (insert-or-ignore).</summary>
    public bool Replace { get; init; }

    /// <summary><c>--tables</c>: the tables to take from the export; others in it are passed over.</summary>
    public IReadOnlyList<ExportTable> Tables { get; init; } = ExportTable.All;
}

/// <param name="Inserted">Rows inserted per table (merge: rows whose key existed already are not counted).</param>
/// <param name="Warnings">One line per skipped row kind or column: orphans, redacted credentials, unknown columns…</param>
public sealed record ImportResult(IReadOnlyDictionary<string, long> Read, IReadOnlyDictionary<string, long> Inserted, IReadOnlyList<string> Warnings);

/// <summary>
/// <c>bleepstore meta import</c> (spec 60). Brings the file to the current schema (as the server does at start),
/// then in one transaction: with <see cref="ImportOptions.Replace"/>, empties each table the export holds; inserts
/// every row (insert-or-ignore), JSON columns as compact key-sorted text; skips <c>"REDACTED"</c> credentials and,
/// at the end, rows whose parent is missing (objects and uploads without a bucket, parts without an upload), each
/// with a warning. A column of this schema the export lacks (e.g. <c>blob_id</c> from the earlier implementations)
/// takes its default, or an empty value when it has none. Commits once: a failure leaves the file as it was.
/// Run it with the server stopped (the server keeps rows it has read in memory).
/// </summary>
public static class MetadataImport
{
    public static ImportResult Run(string dbPath, Stream input, ImportOptions options, Action<string, long>? progress = null)
    {
        // Create or migrate the schema exactly as the server's start-up does.
        new SqliteMetadataStore(dbPath).Dispose();

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, null, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=OFF;");
        using var tx = connection.BeginTransaction(deferred: false);
        var session = new Session(connection, tx, options, progress, table => MetadataExport.Columns(connection, tx, table), static name => name, "INSERT OR IGNORE INTO", static (_, value) => value);
        session.TableStarted = table =>
        {
            if (options.Replace)
            {
                // Foreign keys are off for the import: no cascade empties a table filled earlier in this run.
                Execute(connection, tx, $"DELETE FROM {table.Name}");
            }
        };
        new JsonRowStream(input, session.Header, session.TableStart, session.Row).Run();
        session.DropOrphans();
        tx.Commit();
        return new ImportResult(session.ReadCounts, session.InsertedCounts, session.Warnings);
    }

    /// <summary>
    /// The same import into the PostgreSQL database <paramref name="postgres"/> names, in one transaction. Foreign keys
    /// stay on there (objects and versions: their removal with a replaced bucket is done here), so rows are first staged in temporary tables (any order, as the file has them), then moved
    /// parents first: <c>INSERT … ON CONFLICT DO NOTHING</c> (merge) or, with <see cref="ImportOptions.Replace"/>,
    /// rows the export lacks deleted and the others upserted, so each table ends as the export has it. Rows whose
    /// parent is missing are skipped with a warning; a replace that would remove rows of a table not imported (by
    /// cascade from a replaced parent) fails and changes nothing.
    /// </summary>
    public static ImportResult RunPostgres(PostgresOptions postgres, Stream input, ImportOptions options, Action<string, long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        // Create or migrate the schema exactly as a node's start-up does.
        new PostgresMetadataStore(postgres).Dispose();

        using var connection = new NpgsqlConnection(postgres.ToConnectionString(Environment.GetEnvironmentVariable));
        connection.Open();
        using var tx = connection.BeginTransaction();
        var staged = new List<ExportTable>();
        var session = new Session(connection, tx, options, progress, table => MetadataExport.PostgresColumns(connection, tx, table), static name => "import_" + name, "INSERT INTO",
            static (column, value) => column == "key" && value is string key ? PostgresKeys.Encode(key) : value);
        session.TableStarted = table =>
        {
            if (!staged.Contains(table))
            {
                Execute(connection, tx, $"CREATE TEMP TABLE import_{table.Name} (LIKE {table.Name} INCLUDING DEFAULTS) ON COMMIT DROP");
                staged.Add(table);
            }
        };
        new JsonRowStream(input, session.Header, session.TableStart, session.Row).Run();

        var untouched = ExportTable.All.Where(t => !staged.Contains(t)).ToDictionary(t => t, t => Count(connection, tx, t.Name));
        foreach (var table in ExportTable.All.Where(staged.Contains))
        {
            var columns = MetadataExport.PostgresColumns(connection, tx, table.Name).Select(c => MetadataExport.Quote(c.Name)).ToList();
            var key = table.OrderBy;
            if (options.Replace)
            {
                Execute(connection, tx, $"DELETE FROM {table.Name} t WHERE NOT EXISTS (SELECT 1 FROM import_{table.Name} i WHERE {string.Join(" AND ", key.Split(", ").Select(k => $"i.{k} = t.{k}"))})");
                if (table == ExportTable.Buckets)
                {
                    // Objects and versions have no foreign key to their bucket (PostgresSchema step 3): remove those of
                    // the removed buckets as the other tables' ON DELETE CASCADE removes theirs.
                    foreach (var child in UnreferencedChildren)
                    {
                        Execute(connection, tx, $"DELETE FROM {child.Name} WHERE {child.OrphanCheck}");
                    }
                }
            }

            var where = table.OrphanCheck is null ? "" : $" WHERE NOT ({table.OrphanCheck})";
            var conflict = options.Replace
                ? $"DO UPDATE SET {string.Join(", ", columns.Select(c => $"{c} = EXCLUDED.{c}"))}"
                : "DO NOTHING";
            session.InsertedCounts[table.Name] = Execute(connection, tx,
                $"INSERT INTO {table.Name} ({string.Join(", ", columns)}) SELECT {string.Join(", ", columns)} FROM import_{table.Name}{where} ON CONFLICT ({key}) {conflict}");
            if (table.OrphanCheck is not null && Count(connection, tx, $"import_{table.Name} WHERE {table.OrphanCheck}") is > 0 and var orphans)
            {
                session.Warnings.Add($"{table.Name}: skipped {orphans} orphan row(s) ({table.OrphanCheck})");
            }
        }

        foreach (var (table, before) in untouched)
        {
            if (Count(connection, tx, table.Name) < before)
            {
                throw new InvalidDataException($"The import would remove rows of {table.Name}, which it does not import, with their replaced parents; nothing was imported (import {table.Name} too, or merge).");
            }
        }

        tx.Commit();
        return new ImportResult(session.ReadCounts, session.InsertedCounts, session.Warnings);
    }

    /// <summary>The PostgreSQL tables whose rows name a bucket without a foreign key (PostgresSchema step 3).</summary>
    private static readonly ExportTable[] UnreferencedChildren = [ExportTable.Objects, ExportTable.ObjectVersions];

    private static int Execute(DbConnection connection, DbTransaction? tx, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    private static long Count(DbConnection connection, DbTransaction tx, string from)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT COUNT(*) FROM " + from;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Reads the export into the tables <paramref name="target"/> names (the tables themselves, or staging tables).</summary>
    private sealed class Session(
        DbConnection connection, DbTransaction tx, ImportOptions options, Action<string, long>? progress,
        Func<string, List<(string Name, string Type, bool NotNull, bool HasDefault)>> columnsOf, Func<string, string> target, string insert,
        Func<string, object, object> stored)
    {
        private readonly Dictionary<string, List<(string Name, string Type, bool NotNull, bool HasDefault)>> _columns = new(StringComparer.Ordinal);
        private readonly Dictionary<string, DbCommand> _inserts = new(StringComparer.Ordinal);
        private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
        private readonly HashSet<string> _started = new(StringComparer.Ordinal);

        /// <summary>Once per table of the export that is imported, before its first row.</summary>
        public Action<ExportTable> TableStarted { get; set; } = static _ => { };

        public Dictionary<string, long> ReadCounts { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, long> InsertedCounts { get; } = new(StringComparer.Ordinal);

        public List<string> Warnings { get; } = [];

        public void Header(JsonElement header)
        {
            if (header.ValueKind != JsonValueKind.Object || !header.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number)
            {
                throw new InvalidDataException("The \"bleepstore_export\" header has no version.");
            }

            if (version.GetInt32() != MetadataExport.FormatVersion)
            {
                throw new InvalidDataException($"Export format version {version.GetInt32()} is not supported (this build reads version {MetadataExport.FormatVersion}).");
            }
        }

        public void TableStart(string name)
        {
            var table = Selected(name);
            if (table is null)
            {
                return;
            }

            ReadCounts.TryAdd(name, 0);
            InsertedCounts.TryAdd(name, 0);
            if (_started.Add(name))
            {
                TableStarted(table);
            }
        }

        public void Row(string name, JsonElement row)
        {
            var table = Selected(name);
            if (table is null)
            {
                return;
            }

            var read = ++ReadCounts[name];
            if (read % 10_000 == 0)
            {
                progress?.Invoke(name, read);
            }

            if (table == ExportTable.Credentials && row.TryGetProperty("secret_key", out var secret) && secret.ValueKind == JsonValueKind.String && secret.GetString() == MetadataExport.Redacted)
            {
                Warn($"credentials: skipped rows whose secret_key is \"{MetadataExport.Redacted}\" (export with --include-credentials to carry them)", "redacted");
                return;
            }

            var columns = Columns(table);
            var present = new List<(string Name, string Type, JsonElement Value)>(columns.Count);
            var signature = new System.Text.StringBuilder(table.Name);
            foreach (var column in columns)
            {
                if (row.TryGetProperty(column.Name, out var value))
                {
                    present.Add((column.Name, column.Type, value));
                    signature.Append('|').Append(column.Name);
                }
                else if (column.NotNull && !column.HasDefault)
                {
                    Warn($"{table.Name}.{column.Name}: not in the export; rows get an empty value", table.Name + "." + column.Name);
                }
            }

            foreach (var property in row.EnumerateObject())
            {
                if (!columns.Any(c => c.Name == property.Name))
                {
                    Warn($"{table.Name}.{property.Name}: no such column here; ignored", table.Name + "." + property.Name);
                }
            }

            var key = signature.ToString();
            if (!_inserts.TryGetValue(key, out var command))
            {
                command = Prepare(table, columns, present.Select(p => p.Name).ToHashSet(StringComparer.Ordinal));
                _inserts[key] = command;
            }

            var i = 0;
            foreach (var column in columns)
            {
                var p = present.FindIndex(x => x.Name == column.Name);
                if (p >= 0)
                {
                    command.Parameters[i++].Value = stored(present[p].Name, Convert(table, present[p].Name, present[p].Type, present[p].Value));
                }
                else if (column.NotNull && !column.HasDefault)
                {
                    command.Parameters[i++].Value = column.Type.Contains("INT", StringComparison.Ordinal) ? 0L : "";
                }
            }

            InsertedCounts[name] += command.ExecuteNonQuery();
        }

        public void DropOrphans()
        {
            foreach (var table in ExportTable.All)
            {
                if (table.OrphanCheck is null)
                {
                    continue;
                }

                using var command = connection.CreateCommand();
                command.Transaction = tx;
                command.CommandText = $"DELETE FROM {table.Name} WHERE {table.OrphanCheck}";
                var dropped = command.ExecuteNonQuery();
                if (dropped > 0)
                {
                    Warnings.Add($"{table.Name}: skipped {dropped} orphan row(s) ({table.OrphanCheck})");
                    if (InsertedCounts.ContainsKey(table.Name))
                    {
                        InsertedCounts[table.Name] -= dropped;
                    }
                }
            }

            using var check = connection.CreateCommand();
            check.Transaction = tx;
            check.CommandText = "PRAGMA foreign_key_check";
            using var reader = check.ExecuteReader();
            if (reader.Read())
            {
                throw new InvalidDataException($"The import would leave rows without their parent in {reader.GetString(0)}; nothing was imported.");
            }
        }

        private ExportTable? Selected(string name)
        {
            var table = ExportTable.Find(name);
            if (table is null)
            {
                Warn($"\"{name}\": not a table of this store; ignored", "table:" + name);
                return null;
            }

            return options.Tables.Contains(table) ? table : null;
        }

        private List<(string Name, string Type, bool NotNull, bool HasDefault)> Columns(ExportTable table)
        {
            if (!_columns.TryGetValue(table.Name, out var columns))
            {
                columns = columnsOf(table.Name);
                _columns[table.Name] = columns;
            }

            return columns;
        }

        private DbCommand Prepare(ExportTable table, List<(string Name, string Type, bool NotNull, bool HasDefault)> columns, HashSet<string> present)
        {
            var names = columns.Where(c => present.Contains(c.Name) || (c.NotNull && !c.HasDefault)).Select(c => c.Name).ToList();
            var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = $"{insert} {target(table.Name)} ({string.Join(", ", names.Select(MetadataExport.Quote))}) " +
                $"VALUES ({string.Join(", ", names.Select((_, i) => "@p" + i))})";
            for (var i = 0; i < names.Count; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i;
                parameter.Value = DBNull.Value;
                command.Parameters.Add(parameter);
            }

            command.Prepare();
            return command;
        }

        /// <summary>
        /// The value for a column of <paramref name="type"/> (as SQLite declares it): a number for an INTEGER column, text
        /// for a TEXT one (SQLite's affinity would convert the same way; PostgreSQL needs the exact type).
        /// </summary>
        private static object Convert(ExportTable table, string column, string type, JsonElement value)
        {
            var integer = type.Contains("INT", StringComparison.Ordinal);
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    return DBNull.Value;
                case JsonValueKind.True:
                    return integer ? 1L : "1";
                case JsonValueKind.False:
                    return integer ? 0L : "0";
                case JsonValueKind.Number when type == "TEXT":
                    return value.GetRawText();
                case JsonValueKind.Number:
                    return value.TryGetInt64(out var n) ? n : (object)value.GetDouble();
                case JsonValueKind.Object or JsonValueKind.Array:
                    return CompactSorted(value);
            }

            var text = value.GetString()!;
            if (type == "BLOB")
            {
                try
                {
                    return System.Convert.FromBase64String(text);
                }
                catch (FormatException)
                {
                    throw new InvalidDataException($"{table.Name}.{column} is not base64.");
                }
            }

            if (integer)
            {
                return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : throw new InvalidDataException($"{table.Name}.{column} is not a whole number: '{text}'.");
            }

            return text;
        }

        /// <summary>JSON columns as the store writes them: compact, keys sorted at every level, non-ASCII as itself.</summary>
        private static string CompactSorted(JsonElement value)
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                MetadataExport.WriteSorted(json, value);
            }

            return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        private void Warn(string message, string key)
        {
            if (_warned.Add(key))
            {
                Warnings.Add(message);
            }
        }
    }
}
