using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Cors;
using BleepStore.Domain.Lifecycle;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Tagging;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BleepStore.Infrastructure.Metadata.Sqlite;

/// <summary>
/// The metadata port on an embedded SQLite file (spec 60). Every write method is atomic on its own: it
/// runs in its own savepoint of a group-committed transaction (<see cref="SqliteGroupCommitWriter"/>)
/// and returns after that transaction is durable; reads go through pooled connections that see WAL snapshots. Keys are
/// TEXT in UTF-8 with SQLite's default BINARY collation, i.e. they compare as UTF-8 bytes, which is
/// S3's order; prefixes are byte ranges, never <c>LIKE</c>.
/// </summary>
public sealed partial class SqliteMetadataStore : IMetadataStore, IDisposable
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintForeignKey = 787;

    private const string SelectBucket = $"SELECT {BucketRow.Columns} FROM buckets WHERE name = @name";

    // ListBuckets is the first call of many clients (and of the start-up benchmark): prepared, no Dapper emit.
    private const string SelectAllBuckets = $"SELECT {BucketRow.Columns} FROM buckets ORDER BY name";

    private const string SelectOwnedBuckets = $"SELECT {BucketRow.Columns} FROM buckets WHERE owner_id = @ownerId ORDER BY name";

    private readonly SqliteConnections _db;
    private readonly BucketCache _buckets = new();
    private readonly ObjectCache _objects;

    /// <param name="path">Database file; its parent directory is created. A file path, not <c>:memory:</c>.</param>
    public SqliteMetadataStore(string path)
        : this(path, new ObjectCache())
    {
    }

    /// <param name="path">Database file, as for the public constructor.</param>
    /// <param name="objects">The object-row cache (tests pass a small one).</param>
    internal SqliteMetadataStore(string path, ObjectCache objects)
    {
        _objects = objects;
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        _db = new SqliteConnections(full);
        // Plain commands, not Dapper: its first call per statement emits IL, which start-up would pay for.
        using var tx = _db.Writer.BeginTransaction(deferred: false);
        using (var schema = _db.Writer.CreateCommand())
        {
            schema.Transaction = tx;
            schema.CommandText = SqliteSchema.Create;
            schema.Set("@now", Timestamps.ToText(DateTimeOffset.UtcNow)).ExecuteNonQuery();
            // CREATE TABLE IF NOT EXISTS leaves a file from before a column was added without it.
            schema.Parameters.Clear();
            schema.CommandText = "SELECT 1 FROM pragma_table_info('objects') WHERE name = 'part_sizes'";
            if (schema.ExecuteScalar() is null)
            {
                schema.CommandText = "ALTER TABLE objects ADD COLUMN part_sizes TEXT";
                schema.ExecuteNonQuery();
            }
        }

        SqliteSchema.Migrate(_db.Writer, tx, Timestamps.ToText(DateTimeOffset.UtcNow));

        tx.Commit();
        LoadVersioning();
        _db.StartGroupCommit();
    }

    /// <summary>Transactions committed by the group-commit writer (fewer than the writes when they were batched).</summary>
    internal long CommitCount => _db.GroupCommit.Commits;

    /// <summary>Queues a write that blocks the writer thread until <paramref name="gate"/> is set, so tests can pile up a batch.</summary>
    internal Task<bool> BlockWriterForTests(ManualResetEventSlim gate) =>
        _db.WriteAsync(gate, static (_, _, g) => g.Wait(TimeSpan.FromSeconds(30)), CancellationToken.None);

    public void Dispose() => _db.Dispose();

    public Task<Bucket?> GetBucketAsync(string name, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (_buckets.TryGet(name, out var cached))
        {
            return Task.FromResult<Bucket?>(cached);
        }

        var generation = _buckets.Generation;
        Bucket? bucket;
        using (var lease = _db.RentReader())
        {
            using var reader = lease.Command(SelectBucket).Set("@name", name).ExecuteReader();
            bucket = reader.Read() ? BucketRow.Read(reader).ToDomain() : null;
        }

        if (bucket is not null)
        {
            _buckets.Fill(bucket, generation);
        }

        return Task.FromResult(bucket);
    }

    public Task<IReadOnlyList<Bucket>> ListBucketsAsync(string? ownerId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var lease = _db.RentReader();
        using var reader = (ownerId is null ? lease.Command(SelectAllBuckets) : lease.Command(SelectOwnedBuckets).Set("@ownerId", ownerId)).ExecuteReader();
        var buckets = new List<Bucket>();
        while (reader.Read())
        {
            buckets.Add(BucketRow.Read(reader).ToDomain());
        }

        return Task.FromResult<IReadOnlyList<Bucket>>(buckets);
    }

    public Task<bool> TryCreateBucketAsync(Bucket bucket, CancellationToken ct) =>
        WriteBucketAsync(bucket.Name, _db.WriteAsync((parameters: BucketRow.ToParameters(bucket), bucket.Name, bucket.Versioning, map: _versioning), static (c, tx, s) =>
        {
            if (c.Execute(
                "INSERT INTO buckets (name, region, owner_id, owner_display, acl, created_at, tags, cors, object_ownership, versioning, object_lock) " +
                "VALUES (@name, @region, @owner_id, @owner_display, @acl, @created_at, @tags, @cors, @object_ownership, @versioning, @object_lock) ON CONFLICT(name) DO NOTHING",
                s.parameters,
                tx) == 0)
            {
                return false;
            }

            if (s.Versioning is not null)
            {
                // An object lock bucket is created with versioning Enabled (S3).
                s.map[s.Name] = s.Versioning;
            }

            return true;
        }, ct));

    public async Task<DeleteBucketOutcome> DeleteBucketAsync(string name, List<string> orphanedBlobs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(orphanedBlobs);
        var (outcome, blobs) = await WriteBucketAsync(name, _db.WriteAsync((name, map: _versioning), static (c, tx, s) =>
        {
            var name = s.name;
            if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM buckets WHERE name = @name", new { name }, tx) == 0)
            {
                return (DeleteBucketOutcome.NotFound, (List<string>?)null);
            }

            if (c.ExecuteScalar<long>("SELECT EXISTS (SELECT 1 FROM objects WHERE bucket = @name) OR EXISTS (SELECT 1 FROM object_versions WHERE bucket = @name)", new { name }, tx) != 0)
            {
                return (DeleteBucketOutcome.NotEmpty, null);
            }

            var blobs = c.Query<string>(
                "SELECT p.blob_id FROM multipart_parts p JOIN multipart_uploads u ON u.upload_id = p.upload_id WHERE u.bucket = @name",
                new { name },
                tx).AsList();
            // Uploads and their parts go by ON DELETE CASCADE.
            c.Execute("DELETE FROM buckets WHERE name = @name", new { name }, tx);
            s.map.TryRemove(name, out _);
            return (DeleteBucketOutcome.Deleted, blobs);
        }, ct)).ConfigureAwait(false);
        if (blobs is not null)
        {
            orphanedBlobs.AddRange(blobs);
        }

        if (outcome == DeleteBucketOutcome.Deleted)
        {
            // Only an empty bucket is deleted, so no row of it should be cached; start over anyway.
            _objects.InvalidateAll();
        }

        return outcome;
    }

    public Task<bool> SetBucketAclAsync(string name, AccessControlList acl, CancellationToken ct) =>
        WriteBucketAsync(name, _db.WriteAsync(new { json = MetadataJson.WriteAcl(acl), name }, static (c, tx, p) =>
            c.Execute("UPDATE buckets SET acl = @json WHERE name = @name", p, tx) > 0, ct));

    public Task<bool> SetBucketTagsAsync(string name, IReadOnlyList<Tag>? tags, CancellationToken ct) =>
        WriteBucketAsync(name, _db.WriteAsync(new { json = tags is null ? null : MetadataJson.WriteTags(tags), name }, static (c, tx, p) =>
            c.Execute("UPDATE buckets SET tags = @json WHERE name = @name", p, tx) > 0, ct));

    public Task<bool> SetBucketCorsAsync(string name, IReadOnlyList<CorsRule>? rules, CancellationToken ct) =>
        WriteBucketAsync(name, _db.WriteAsync(new { json = rules is null ? null : MetadataJson.WriteCors(rules), name }, static (c, tx, p) =>
            c.Execute("UPDATE buckets SET cors = @json WHERE name = @name", p, tx) > 0, ct));

    public Task<bool> SetBucketLifecycleAsync(string name, IReadOnlyList<LifecycleRule>? rules, CancellationToken ct) =>
        WriteBucketAsync(name, _db.WriteAsync(new { json = rules is null ? null : LifecycleJson.Write(rules), name }, static (c, tx, p) =>
            c.Execute("UPDATE buckets SET lifecycle = @json WHERE name = @name", p, tx) > 0, ct));

    public Task<bool> SetBucketOwnershipAsync(string name, string? objectOwnership, CancellationToken ct) =>
        WriteBucketAsync(name, _db.WriteAsync(new { objectOwnership, name }, static (c, tx, p) =>
            c.Execute("UPDATE buckets SET object_ownership = @objectOwnership WHERE name = @name", p, tx) > 0, ct));

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

    /// <summary>Awaits a write to bucket <paramref name="name"/>'s row and drops the cached row before the caller hears of it, whatever the outcome.</summary>
    private async Task<T> WriteBucketAsync<T>(string name, Task<T> write)
    {
        try
        {
            return await write.ConfigureAwait(false);
        }
        finally
        {
            _buckets.Invalidate(name);
        }
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
