using System.Buffers;
using BleepStore.Application.Abstractions;
using BleepStore.Domain.Errors;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BleepStore.Infrastructure.Storage.Sqlite;

/// <summary>
/// Blobs as SQLite BLOBs in <c>blob_data(id, bucket, data)</c>, for small deployments. Limits:
/// one blob is at most <see cref="MaxBlobBytes"/> (SQLite's default SQLITE_MAX_LENGTH), larger writes
/// fail with EntityTooLarge; bodies above 1 MiB are staged in a temp file beside the database first,
/// so the database write lock is held only for a local copy, never while a client is still sending.
/// A database file shared with the metadata store works, but a separate file keeps large copies
/// from delaying metadata commits.
/// </summary>
public sealed class SqliteObjectStorage : IObjectStorage, IDisposable
{
    public const long MaxBlobBytes = 1_000_000_000;

    private const int StageInMemoryBytes = 1024 * 1024;

    private readonly string _connectionString;
    private readonly string _stagingDir;
    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    /// <param name="dbPath">Database file (created with its parent directory); staging files go to <c>{dbPath}.staging/</c>.</param>
    public SqliteObjectStorage(string dbPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(dbPath);
        var full = Path.GetFullPath(dbPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        _stagingDir = full + ".staging";
        Directory.CreateDirectory(_stagingDir);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        // synchronous=FULL: a committed blob survives power loss before the metadata row points at it.
        _writer.Execute(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000; " +
            "CREATE TABLE IF NOT EXISTS blob_data (id TEXT PRIMARY KEY, bucket TEXT NOT NULL, data BLOB NOT NULL); " +
            "CREATE INDEX IF NOT EXISTS idx_blob_data_bucket ON blob_data(bucket);");
        // When each blob was written (unix ms), for the orphan sweep's grace period; 0 = written before this column.
        if (_writer.ExecuteScalar<long>("SELECT COUNT(*) FROM pragma_table_info('blob_data') WHERE name = 'written_at'") == 0)
        {
            _writer.Execute("ALTER TABLE blob_data ADD COLUMN written_at INTEGER NOT NULL DEFAULT 0");
        }
    }

    public string Name => "sqlite";

    public async Task<StoredBlob> WriteAsync(string bucket, Stream data, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(StageInMemoryBytes);
        string? stagedFile = null;
        try
        {
            var filled = await StreamCopy.FillAsync(data, buffer.AsMemory(0, StageInMemoryBytes), ct).ConfigureAwait(false);
            if (filled < StageInMemoryBytes)
            {
                return await InsertAsync(bucket, filled, (Buffer: buffer, Length: filled), static (blob, s) => blob.Write(s.Buffer, 0, s.Length), ct).ConfigureAwait(false);
            }

            stagedFile = Path.Combine(_stagingDir, BlobIds.New());
            long size;
            var file = new FileStream(stagedFile, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            await using (file.ConfigureAwait(false))
            {
                await file.WriteAsync(buffer.AsMemory(0, filled), ct).ConfigureAwait(false);
                size = filled + await CopyLimitedAsync(data, file, MaxBlobBytes - filled, ct).ConfigureAwait(false);
                file.Position = 0;
                return await InsertAsync(bucket, size, file, static (blob, f) => f.CopyTo(blob, StreamCopy.BufferSize), ct).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (stagedFile is not null)
            {
                File.Delete(stagedFile);
            }
        }
    }

    public Task<Stream> OpenReadAsync(string bucket, string blobId, long offset, long? length, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var connection = new SqliteConnection(_connectionString);
        SqliteTransaction? tx = null;
        try
        {
            connection.Open();
            tx = connection.BeginTransaction(deferred: true);
            var rowId = connection.QuerySingleOrDefault<long?>(
                "SELECT rowid FROM blob_data WHERE id = @blobId AND bucket = @bucket", new { blobId, bucket }, tx)
                ?? throw new BlobNotFoundException(blobId);
            var stream = new SqliteBlobReadStream(connection, tx, new SqliteBlob(connection, "blob_data", "data", rowId, readOnly: true));
            stream.Position = Math.Min(Math.Max(offset, 0), stream.Length);
            return Task.FromResult<Stream>(length is { } n ? new LengthLimitedStream(stream, n) : stream);
        }
        catch
        {
            tx?.Dispose();
            connection.Dispose();
            throw;
        }
    }

    public async Task DeleteAsync(string bucket, string blobId, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _writer.Execute("DELETE FROM blob_data WHERE id = @blobId AND bucket = @bucket", new { blobId, bucket });
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<StoredBlob> ConcatenateAsync(string bucket, IReadOnlyList<string> blobIds, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using var tx = _writer.BeginTransaction(deferred: false);
            var sources = new (long RowId, long Size)[blobIds.Count];
            long total = 0;
            for (var i = 0; i < blobIds.Count; i++)
            {
                sources[i] = _writer.QuerySingleOrDefault<(long, long)?>(
                    "SELECT rowid, length(data) FROM blob_data WHERE id = @id AND bucket = @bucket", new { id = blobIds[i], bucket }, tx)
                    ?? throw new BlobNotFoundException(blobIds[i]);
                total += sources[i].Size;
            }

            if (total > MaxBlobBytes)
            {
                throw new S3Exception(S3Errors.EntityTooLarge);
            }

            var id = BlobIds.New();
            var rowId = InsertZeroBlob(tx, id, bucket, total);
            if (total > 0)
            {
                using var target = new SqliteBlob(_writer, "blob_data", "data", rowId);
                foreach (var (sourceRowId, _) in sources)
                {
                    using var source = new SqliteBlob(_writer, "blob_data", "data", sourceRowId, readOnly: true);
                    source.CopyTo(target, StreamCopy.BufferSize);
                }
            }

            tx.Commit();
            return new StoredBlob(id, total);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task CreateBucketAsync(string bucket, CancellationToken ct) => Task.CompletedTask;

    public async Task DeleteBucketAsync(string bucket, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _writer.Execute("DELETE FROM blob_data WHERE bucket = @bucket", new { bucket });
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task CheckHealthAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.ExecuteScalar<long>("SELECT 1");
        return Task.CompletedTask;
    }

    public Task RecoverAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        Directory.CreateDirectory(_stagingDir);
        foreach (var file in Directory.EnumerateFiles(_stagingDir))
        {
            File.Delete(file);
        }

        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<BlobListing> ListBlobsAsync(string bucket, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        // length() of a BLOB reads the record header, not the bytes.
        var rows = await connection.QueryAsync<(string Id, long WrittenAt, long Size)>(
            "SELECT id, written_at, length(data) FROM blob_data WHERE bucket = @bucket", new { bucket }).ConfigureAwait(false);
        foreach (var (id, writtenAt, size) in rows)
        {
            yield return new BlobListing(id, DateTimeOffset.FromUnixTimeMilliseconds(writtenAt), size);
        }
    }

    public void Dispose()
    {
        _writer.Dispose();
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        _writeLock.Dispose();
    }

    internal long CountBlobs()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM blob_data");
    }

    internal int CountStagedFiles() => Directory.EnumerateFiles(_stagingDir).Count();

    private static async Task<long> CopyLimitedAsync(Stream source, Stream destination, long limit, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(StreamCopy.BufferSize);
        try
        {
            long total = 0;
            int n;
            while ((n = await source.ReadAsync(buffer.AsMemory(0, StreamCopy.BufferSize), ct).ConfigureAwait(false)) > 0)
            {
                total += n;
                if (total > limit)
                {
                    throw new S3Exception(S3Errors.EntityTooLarge);
                }

                await destination.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<StoredBlob> InsertAsync<TState>(string bucket, long size, TState state, Action<SqliteBlob, TState> fill, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using var tx = _writer.BeginTransaction(deferred: false);
            var id = BlobIds.New();
            var rowId = InsertZeroBlob(tx, id, bucket, size);
            if (size > 0)
            {
                using var blob = new SqliteBlob(_writer, "blob_data", "data", rowId);
                fill(blob, state);
            }

            tx.Commit();
            return new StoredBlob(id, size);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private long InsertZeroBlob(SqliteTransaction tx, string id, string bucket, long size) =>
        _writer.ExecuteScalar<long>(
            "INSERT INTO blob_data (id, bucket, data, written_at) VALUES (@id, @bucket, zeroblob(@size), @now); SELECT last_insert_rowid();",
            new { id, bucket, size, now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() },
            tx);
}
