using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Errors;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BleepStore.Infrastructure.Metadata.Sqlite;

/// <summary>
/// The metadata port on an embedded SQLite file (spec 60). Every method is one transaction; writes go
/// through one writer connection, reads through pooled connections that see WAL snapshots. Keys are
/// TEXT in UTF-8 with SQLite's default BINARY collation, i.e. they compare as UTF-8 bytes, which is
/// S3's order; prefixes are byte ranges, never <c>LIKE</c>.
/// </summary>
public sealed partial class SqliteMetadataStore : IMetadataStore, IDisposable
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintForeignKey = 787;

    private readonly SqliteConnections _db;

    /// <param name="path">Database file; its parent directory is created. A file path, not <c>:memory:</c>.</param>
    public SqliteMetadataStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        _db = new SqliteConnections(full);
        using var tx = _db.Writer.BeginTransaction(deferred: false);
        _db.Writer.Execute(SqliteSchema.Create, new { now = Timestamps.ToText(DateTimeOffset.UtcNow) }, tx);
        tx.Commit();
    }

    public void Dispose() => _db.Dispose();

    public Task<Bucket?> GetBucketAsync(string name, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var lease = _db.RentReader();
        var row = lease.Connection.QuerySingleOrDefault<BucketRow>($"SELECT {BucketRow.Columns} FROM buckets WHERE name = @name", new { name });
        return Task.FromResult(row?.ToDomain());
    }

    public Task<IReadOnlyList<Bucket>> ListBucketsAsync(string? ownerId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var lease = _db.RentReader();
        var rows = ownerId is null
            ? lease.Connection.Query<BucketRow>($"SELECT {BucketRow.Columns} FROM buckets ORDER BY name")
            : lease.Connection.Query<BucketRow>($"SELECT {BucketRow.Columns} FROM buckets WHERE owner_id = @ownerId ORDER BY name", new { ownerId });
        return Task.FromResult<IReadOnlyList<Bucket>>(ToList(rows, static r => r.ToDomain()));
    }

    public async Task<bool> TryCreateBucketAsync(Bucket bucket, CancellationToken ct)
    {
        var parameters = BucketRow.ToParameters(bucket);
        using var lease = await _db.EnterWriteAsync(ct).ConfigureAwait(false);
        using var tx = lease.Connection.BeginTransaction(deferred: false);
        var inserted = lease.Connection.Execute(
            "INSERT INTO buckets (name, region, owner_id, owner_display, acl, created_at) " +
            "VALUES (@name, @region, @owner_id, @owner_display, @acl, @created_at) ON CONFLICT(name) DO NOTHING",
            parameters,
            tx);
        tx.Commit();
        return inserted > 0;
    }

    public async Task<DeleteBucketOutcome> DeleteBucketAsync(string name, List<string> orphanedBlobs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(orphanedBlobs);
        using var lease = await _db.EnterWriteAsync(ct).ConfigureAwait(false);
        var c = lease.Connection;
        using var tx = c.BeginTransaction(deferred: false);
        if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM buckets WHERE name = @name", new { name }, tx) == 0)
        {
            return DeleteBucketOutcome.NotFound;
        }

        if (c.ExecuteScalar<long>("SELECT EXISTS (SELECT 1 FROM objects WHERE bucket = @name)", new { name }, tx) != 0)
        {
            return DeleteBucketOutcome.NotEmpty;
        }

        var blobs = c.Query<string>(
            "SELECT p.blob_id FROM multipart_parts p JOIN multipart_uploads u ON u.upload_id = p.upload_id WHERE u.bucket = @name",
            new { name },
            tx);
        // Uploads and their parts go by ON DELETE CASCADE.
        c.Execute("DELETE FROM buckets WHERE name = @name", new { name }, tx);
        tx.Commit();
        orphanedBlobs.AddRange(blobs);
        return DeleteBucketOutcome.Deleted;
    }

    public async Task<bool> SetBucketAclAsync(string name, AccessControlList acl, CancellationToken ct)
    {
        var json = MetadataJson.WriteAcl(acl);
        using var lease = await _db.EnterWriteAsync(ct).ConfigureAwait(false);
        using var tx = lease.Connection.BeginTransaction(deferred: false);
        var n = lease.Connection.Execute("UPDATE buckets SET acl = @json WHERE name = @name", new { json, name }, tx);
        tx.Commit();
        return n > 0;
    }

    public Task<MetadataCounts> CountAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var lease = _db.RentReader();
        // One statement, so one snapshot.
        var row = lease.Connection.QuerySingle<(long Buckets, long Objects, long Uploads, long Bytes)>(
            "SELECT (SELECT COUNT(*) FROM buckets), (SELECT COUNT(*) FROM objects), " +
            "(SELECT COUNT(*) FROM multipart_uploads), (SELECT COALESCE(SUM(size), 0) FROM objects)");
        return Task.FromResult(new MetadataCounts(row.Buckets, row.Objects, row.Uploads, row.Bytes));
    }

    public Task PingAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var lease = _db.RentReader();
        lease.Connection.ExecuteScalar<long>("SELECT 1");
        return Task.CompletedTask;
    }

    /// <summary>A plain reader connection for diagnostics in tests (EXPLAIN QUERY PLAN).</summary>
    internal SqliteConnections.ReadLease RentReaderForTests() => _db.RentReader();

    private static bool IsForeignKeyViolation(SqliteException ex) =>
        ex.SqliteErrorCode == SqliteConstraint && ex.SqliteExtendedErrorCode == SqliteConstraintForeignKey;

    private static List<TOut> ToList<TIn, TOut>(IEnumerable<TIn> rows, Func<TIn, TOut> map)
    {
        var list = rows is ICollection<TIn> c ? new List<TOut>(c.Count) : [];
        foreach (var r in rows)
        {
            list.Add(map(r));
        }

        return list;
    }
}
