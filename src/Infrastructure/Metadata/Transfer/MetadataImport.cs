using System.Buffers;
using System.Text.Json;
using BleepStore.Infrastructure.Metadata.Sqlite;
using Microsoft.Data.Sqlite;

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
        var session = new Session(connection, tx, options, progress);
        new JsonRowStream(input, session.Header, session.TableStart, session.Row).Run();
        session.DropOrphans();
        tx.Commit();
        return new ImportResult(session.ReadCounts, session.InsertedCounts, session.Warnings);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed class Session(SqliteConnection connection, SqliteTransaction tx, ImportOptions options, Action<string, long>? progress)
    {
        private readonly Dictionary<string, List<(string Name, string Type, bool NotNull, bool HasDefault)>> _columns = new(StringComparer.Ordinal);
        private readonly Dictionary<string, SqliteCommand> _inserts = new(StringComparer.Ordinal);
        private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
        private readonly HashSet<string> _emptied = new(StringComparer.Ordinal);

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
            if (options.Replace && _emptied.Add(name))
            {
                // Foreign keys are off for the import: no cascade empties a table filled earlier in this run.
                Execute(connection, tx, $"DELETE FROM {table.Name}");
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
                    command.Parameters[i++].Value = Convert(table, present[p].Name, present[p].Type, present[p].Value);
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
                columns = MetadataExport.Columns(connection, tx, table.Name);
                _columns[table.Name] = columns;
            }

            return columns;
        }

        private SqliteCommand Prepare(ExportTable table, List<(string Name, string Type, bool NotNull, bool HasDefault)> columns, HashSet<string> present)
        {
            var names = columns.Where(c => present.Contains(c.Name) || (c.NotNull && !c.HasDefault)).Select(c => c.Name).ToList();
            var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = $"INSERT OR IGNORE INTO {table.Name} ({string.Join(", ", names.Select(MetadataExport.Quote))}) " +
                $"VALUES ({string.Join(", ", names.Select((_, i) => "@p" + i))})";
            for (var i = 0; i < names.Count; i++)
            {
                command.Parameters.Add(new SqliteParameter("@p" + i, DBNull.Value));
            }

            command.Prepare();
            return command;
        }

        private static object Convert(ExportTable table, string column, string type, JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    return DBNull.Value;
                case JsonValueKind.True:
                    return 1L;
                case JsonValueKind.False:
                    return 0L;
                case JsonValueKind.Number:
                    return value.TryGetInt64(out var n) ? n : value.GetDouble();
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
