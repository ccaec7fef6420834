using BleepStore.Infrastructure.Storage.Local;
using Microsoft.Data.Sqlite;

namespace BleepStore.Infrastructure.Storage.Memory;

/// <summary>
/// The memory backend's snapshot: one SQLite file (<c>blobs(id, bucket, written_at, data)</c>) written crash-only — a fresh
/// temp file beside it, one transaction, fsync, rename over the old snapshot, directory fsync — so a crash at any
/// moment leaves the previous snapshot or the new one, never a mix. Blob bytes stream in and out through
/// SQLite's incremental blob I/O in 64 KiB chunks, so neither writing nor loading holds a second copy of a blob.
/// </summary>
internal static class MemorySnapshotFile
{
    private const string TempMarker = ".tmp-";

    public static void Write(string path, IReadOnlyList<KeyValuePair<string, MemoryBlob>> blobs, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = full + TempMarker + Guid.NewGuid().ToString("N");
        try
        {
            // Pooling off: the connection must really close (and release the file) before the rename.
            using (var connection = new SqliteConnection($"Data Source={temp};Pooling=False"))
            {
                connection.Open();
                Execute(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; CREATE TABLE blobs(id TEXT NOT NULL UNIQUE, bucket TEXT NOT NULL, written_at INTEGER NOT NULL, data BLOB NOT NULL);");
                using var transaction = connection.BeginTransaction();
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO blobs(id, bucket, written_at, data) VALUES ($id, $bucket, $writtenAt, zeroblob($length)) RETURNING rowid";
                var id = insert.Parameters.Add("$id", SqliteType.Text);
                var bucket = insert.Parameters.Add("$bucket", SqliteType.Text);
                var length = insert.Parameters.Add("$length", SqliteType.Integer);
                var writtenAt = insert.Parameters.Add("$writtenAt", SqliteType.Integer);
                foreach (var (blobId, blob) in blobs)
                {
                    ct.ThrowIfCancellationRequested();
                    id.Value = blobId;
                    bucket.Value = blob.Bucket;
                    length.Value = blob.Length;
                    writtenAt.Value = blob.WrittenAt.ToUnixTimeMilliseconds();
                    var rowid = (long)insert.ExecuteScalar()!;
                    using var data = new SqliteBlob(connection, "blobs", "data", rowid);
                    foreach (var chunk in blob.Chunks)
                    {
                        data.Write(chunk);
                    }
                }

                transaction.Commit();
            }

            using (var file = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite))
            {
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
            DirectorySync.Sync(directory);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Every blob of the snapshot at <paramref name="path"/> (none when there is no file yet); removes temp files a crash left.</summary>
    public static IEnumerable<(string Id, string Bucket, List<byte[]> Chunks, long Length, DateTimeOffset WrittenAt)> Read(string path, int chunkSize)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (Directory.Exists(directory))
        {
            foreach (var stale in Directory.EnumerateFiles(directory, Path.GetFileName(full) + TempMarker + "*"))
            {
                TryDelete(stale);
            }
        }

        if (!File.Exists(full))
        {
            yield break;
        }

        using var connection = new SqliteConnection($"Data Source={full};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT rowid, id, bucket, length(data), written_at FROM blobs";
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            var length = reader.GetInt64(3);
            var chunks = new List<byte[]>((int)Math.Min(int.MaxValue, (length + chunkSize - 1) / chunkSize));
            using (var data = new SqliteBlob(connection, "blobs", "data", reader.GetInt64(0), readOnly: true))
            {
                for (long done = 0; done < length;)
                {
                    var chunk = new byte[(int)Math.Min(chunkSize, length - done)];
                    data.ReadExactly(chunk);
                    chunks.Add(chunk);
                    done += chunk.Length;
                }
            }

            yield return (reader.GetString(1), reader.GetString(2), chunks, length, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)));
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
