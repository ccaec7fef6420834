using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Cors;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Lifecycle;
using BleepStore.Domain.Tagging;
using BleepStore.Infrastructure.Configuration;
using BleepStore.Infrastructure.Metadata.Sqlite;
using Dapper;
using Npgsql;

namespace BleepStore.Infrastructure.Metadata.Postgres;

/// <summary>
/// The metadata port on PostgreSQL (issue 13): the same contract as <see cref="SqliteMetadataStore"/>, for one node or
/// many sharing one database. Every method is one transaction at READ COMMITTED. What SQLite gets from its single
/// writer, this store gets from locks: a write to an object key first takes a transaction-scoped advisory lock on
/// the key (<see cref="LockKeyAsync"/>), so conditional writes, version sequences and overwrite rules are exact
/// across connections and nodes. Each bucket has an advisory lock too: every write to one of its objects holds it
/// shared (reading the bucket's versioning state under it), every change to the bucket's row holds it exclusive
/// (<see cref="WriteBucketAsync"/>), so a versioning change or a bucket delete's emptiness check cannot interleave with
/// an object write. (A lock on the bucket's row would do the same, but every write locking one row makes it a hot
/// spot: tuple locks, multixacts and their WAL; decision 0016.) Bucket and credential rows are cached per node (<see cref="PostgresRowCache{T}"/>) and dropped
/// when any node changes them (<see cref="PostgresChangeListener"/>, LISTEN/NOTIFY; docs/cluster.md "Caches");
/// object rows are never cached, so an object read sees every committed write at once, on any node.
/// An unreachable database is <c>503 ServiceUnavailable</c> (<see cref="Unavailable"/>); the pool reconnects by itself.
/// </summary>
public sealed partial class PostgresMetadataStore : IMetadataStore, IDisposable
{
    private const string SelectBucket = $"SELECT {BucketRow.Columns} FROM buckets WHERE name = @name";

    /// <summary>
    /// The class of the buckets' advisory locks: (class, hashtext(bucket)) in the two-int4 lock space, apart from the
    /// keys' single-bigint locks ("Bukt" in ASCII; the background lease uses another class). A hash collision only
    /// makes two buckets' changes wait for each other's writes.
    /// </summary>
    private const string BucketLockClass = "1114991476";

    /// <summary>The bucket's advisory lock, exclusive: taken first by every change to a bucket's row, after the writes holding it shared.</summary>
    internal const string LockBucketExclusive = $"SELECT pg_advisory_xact_lock({BucketLockClass}, hashtext(@name))";

    private readonly NpgsqlDataSource _db;

    /// <summary>
    /// One slot per pooled connection. A burst of requests larger than the pool waits here, in order and for as long
    /// as it takes (as on SQLite's writer queue), not in Npgsql's pool, whose wait is bounded by the connect
    /// <c>Timeout</c> and would turn a burst on a healthy database into 503s.
    /// </summary>
    private readonly SemaphoreSlim _connections;

    private readonly PostgresRowCache<Bucket> _buckets = new();
    private readonly PostgresRowCache<Domain.Credentials.Credential> _credentials = new();
    private readonly PostgresChangeListener? _listener;
    private int _disposed;

    /// <summary>Connects, and brings the schema to this build's version (under an advisory lock, <see cref="PostgresSchema.Migrate"/>).</summary>
    public PostgresMetadataStore(PostgresOptions options, Microsoft.Extensions.Logging.ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Unset keys fall back to the PG* environment variables (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE).
        var connectionString = options.ToConnectionString(Environment.GetEnvironmentVariable);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // NpgsqlConnectionStringBuilder.ContainsKey is true for every keyword it knows; a plain builder holds only those given.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        // No connection of the pool carries session state (transaction-scoped locks only; the background lease has a
        // connection of its own), so skip the DISCARD ALL Npgsql would send on every reuse, which would also drop the
        // statements it prepares automatically: the hot statements are then parsed and planned once per connection.
        // An operator's own setting of either key wins.
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        // Multiplexing: concurrent requests' statements share physical connections and go out together, so a request
        // costs fewer socket writes and thread wake-ups (scripts/bench/postgres.sh PG_VARIANT=Multiplexing=true: CPU per
        // 4 KiB GET, server + database, 0.280 -> 0.203 ms; docs/performance.md). A transaction still holds one
        // connection of its own from BEGIN to COMMIT, and every autocommit batch runs as one implicit transaction.
        // Only with pooling (an operator's Pooling=false turns it off too; Npgsql refuses the two together).
        if (!given.ContainsKey("Multiplexing") && builder.Pooling)
        {
            builder.Multiplexing = true;
        }

        _connections = new SemaphoreSlim(builder.MaxPoolSize);
        _db = NpgsqlDataSource.Create(builder);
        try
        {
            using var connection = _db.OpenConnection();
            PostgresSchema.Migrate(connection, Timestamps.ToText(DateTimeOffset.UtcNow));
        }
        catch
        {
            _db.Dispose();
            _connections.Dispose();
            throw;
        }

        // The triggers exist now (schema version 2): the caches are used once the listener is listening.
        _listener = new PostgresChangeListener(builder, _buckets, _credentials, loggers?.CreateLogger(typeof(PostgresChangeListener).FullName!));
    }

    /// <summary>Tests: the change listener (its backend pid, its reconnect delay).</summary>
    internal PostgresChangeListener Listener => _listener!;

    /// <summary>Tests: whether the caches are in use (the listener is listening).</summary>
    internal bool CachesListening => _buckets.Listening && _credentials.Listening;

    /// <summary>Tests: how many bucket and credential rows this node holds.</summary>
    internal (int Buckets, int Credentials) CachedRows => (_buckets.Count, _credentials.Count);

    public void Dispose()
    {
        // Idempotent: the host disposes the store once per service type it is registered under.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _listener?.Dispose();
        _db.Dispose();
        _connections.Dispose();
    }

    public async Task<Bucket?> GetBucketAsync(string name, CancellationToken ct)
    {
        if (_buckets.TryGet(name, out var cached))
        {
            return cached;
        }

        var generation = _buckets.Generation;
        var bucket = await ReadAsync(name, static async (c, name) =>
            (await c.QuerySingleOrDefaultAsync<BucketRow>(SelectBucket, new { name }).ConfigureAwait(false))?.ToDomain(), ct).ConfigureAwait(false);
        if (bucket is not null)
        {
            _buckets.Fill(name, bucket, generation);
        }

        return bucket;
    }

    /// <summary>
    /// A write to bucket <paramref name="name"/>'s row, under the bucket's lock exclusive (taken first: it waits for
    /// every object write in the bucket that holds it shared, and keeps new ones waiting until this one ends). This
    /// node's cached row is dropped once it ends (committed, rolled back or unknown), before the caller hears of it;
    /// other nodes drop theirs on the trigger's notification.
    /// </summary>
    internal async Task<T> WriteBucketAsync<TState, T>(string name, TState state, Func<NpgsqlConnection, NpgsqlTransaction, TState, Task<T>> write, CancellationToken ct)
    {
        try
        {
            return await WriteAsync((name, state, write), static async (c, tx, s) =>
            {
                await c.ExecuteAsync(LockBucketExclusive, new { s.name }, tx).ConfigureAwait(false);
                return await s.write(c, tx, s.state).ConfigureAwait(false);
            }, ct).ConfigureAwait(false);
        }
        finally
        {
            _buckets.Invalidate(name);
        }
    }

    public Task<IReadOnlyList<Bucket>> ListBucketsAsync(string? ownerId, CancellationToken ct) =>
        ReadAsync(ownerId, static async (c, ownerId) =>
        {
            var rows = ownerId is null
                ? await c.QueryAsync<BucketRow>($"SELECT {BucketRow.Columns} FROM buckets ORDER BY name").ConfigureAwait(false)
                : await c.QueryAsync<BucketRow>($"SELECT {BucketRow.Columns} FROM buckets WHERE owner_id = @ownerId ORDER BY name", new { ownerId }).ConfigureAwait(false);
            return (IReadOnlyList<Bucket>)rows.Select(r => r.ToDomain()).ToList();
        }, ct);

    public Task<bool> TryCreateBucketAsync(Bucket bucket, CancellationToken ct) =>
        WriteAsync(BucketRow.ToParameters(bucket), static async (c, tx, p) =>
            await c.ExecuteAsync(
                "INSERT INTO buckets (name, region, owner_id, owner_display, acl, created_at, tags, cors, object_ownership, versioning, object_lock) " +
                "VALUES (@name, @region, @owner_id, @owner_display, @acl, @created_at, @tags, @cors, @object_ownership, @versioning, @object_lock) ON CONFLICT (name) DO NOTHING",
                p,
                tx).ConfigureAwait(false) > 0, ct);

    public async Task<DeleteBucketOutcome> DeleteBucketAsync(string name, List<string> orphanedBlobs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(orphanedBlobs);
        var (outcome, blobs) = await WriteBucketAsync(name, name, static async (c, tx, name) =>
        {
            // The bucket's lock, exclusive (WriteBucketAsync), waited for every object write in the bucket and keeps new
            // ones out until this transaction ends, so the emptiness check below cannot miss an object committed meanwhile.
            // FOR UPDATE does the same for uploads being created (they hold FOR KEY SHARE through their foreign key).
            if (await c.ExecuteScalarAsync<string?>("SELECT name FROM buckets WHERE name = @name FOR UPDATE", new { name }, tx).ConfigureAwait(false) is null)
            {
                return (DeleteBucketOutcome.NotFound, (List<string>?)null);
            }

            if (await c.ExecuteScalarAsync<bool>(
                    "SELECT EXISTS (SELECT 1 FROM objects WHERE bucket = @name) OR EXISTS (SELECT 1 FROM object_versions WHERE bucket = @name)",
                    new { name },
                    tx).ConfigureAwait(false))
            {
                return (DeleteBucketOutcome.NotEmpty, null);
            }

            var blobs = (await c.QueryAsync<string>(
                "SELECT p.blob_id FROM multipart_parts p JOIN multipart_uploads u ON u.upload_id = p.upload_id WHERE u.bucket = @name",
                new { name },
                tx).ConfigureAwait(false)).AsList();
            // Uploads and their parts go by ON DELETE CASCADE.
            await c.ExecuteAsync("DELETE FROM buckets WHERE name = @name", new { name }, tx).ConfigureAwait(false);
            return (DeleteBucketOutcome.Deleted, blobs);
        }, ct).ConfigureAwait(false);
        if (blobs is not null)
        {
            orphanedBlobs.AddRange(blobs);
        }

        return outcome;
    }

    public Task<bool> SetBucketAclAsync(string name, AccessControlList acl, CancellationToken ct) =>
        UpdateBucketAsync("acl", MetadataJson.WriteAcl(acl), name, ct);

    public Task<bool> SetBucketTagsAsync(string name, IReadOnlyList<Tag>? tags, CancellationToken ct) =>
        UpdateBucketAsync("tags", tags is null ? null : MetadataJson.WriteTags(tags), name, ct);

    public Task<bool> SetBucketCorsAsync(string name, IReadOnlyList<CorsRule>? rules, CancellationToken ct) =>
        UpdateBucketAsync("cors", rules is null ? null : MetadataJson.WriteCors(rules), name, ct);

    public Task<bool> SetBucketLifecycleAsync(string name, IReadOnlyList<LifecycleRule>? rules, CancellationToken ct) =>
        UpdateBucketAsync("lifecycle", rules is null ? null : LifecycleJson.Write(rules), name, ct);

    public Task<bool> SetBucketOwnershipAsync(string name, string? objectOwnership, CancellationToken ct) =>
        UpdateBucketAsync("object_ownership", objectOwnership, name, ct);

    public Task<MetadataCounts> CountAsync(CancellationToken ct) =>
        ReadAsync(0, static async (c, _) =>
        {
            // One statement, so one snapshot.
            var row = await c.QuerySingleAsync<(long Buckets, long Objects, long Uploads, long Bytes)>(
                "SELECT (SELECT COUNT(*) FROM buckets), (SELECT COUNT(*) FROM objects), " +
                "(SELECT COUNT(*) FROM multipart_uploads), (SELECT COALESCE(SUM(size), 0)::bigint FROM objects)").ConfigureAwait(false);
            return new MetadataCounts(row.Buckets, row.Objects, row.Uploads, row.Bytes);
        }, ct);

    public Task PingAsync(CancellationToken ct) =>
        ReadAsync(0, static (c, _) => c.ExecuteScalarAsync<int>("SELECT 1"), ct);

    /// <summary>
    /// Takes the transaction-scoped advisory lock of one object key: every write to (bucket, key) holds it until it
    /// commits or rolls back, so two writers of a key (on any node) run one after the other. A hash collision only
    /// serialises two unrelated keys. The lock id hashes the key's stored form (<see cref="PostgresKeys"/>), as
    /// DeleteObjectsAsync's multi-key lock does.
    /// </summary>
    internal static Task LockKeyAsync(NpgsqlConnection c, NpgsqlTransaction tx, string bucket, string key) =>
        c.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended(@bucket || '/' || @key, 0))", new { bucket, key = PostgresKeys.Encode(key) }, tx);

    /// <summary>Runs <paramref name="read"/> on a pooled connection (autocommit); database failures become 503.</summary>
    internal async Task<T> ReadAsync<TState, T>(TState state, Func<NpgsqlConnection, TState, Task<T>> read, CancellationToken ct)
    {
        await _connections.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await using var c = await _db.OpenConnectionAsync(ct).ConfigureAwait(false);
            return await read(c, state).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw Unavailable(ex);
        }
        finally
        {
            _connections.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> (one batch, which PostgreSQL runs as one implicit transaction, commit included) on a
    /// pooled connection without an explicit transaction; a deadlock or serialization failure is retried as
    /// <see cref="WriteAsync"/> retries it, other database failures become 503.
    /// </summary>
    internal Task<T> BatchWriteAsync<TState, T>(TState state, Func<NpgsqlConnection, TState, Task<T>> write, CancellationToken ct) =>
        ReadAsync((state, write), static async (c, s) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await s.write(c, s.state).ConfigureAwait(false);
                }
                catch (PostgresException ex) when (attempt < 3 && ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
                {
                }
            }
        }, ct);

    /// <summary>
    /// Runs <paramref name="write"/> in one READ COMMITTED transaction and commits it. A deadlock or serialization
    /// failure (which PostgreSQL resolves by aborting one side) is retried from the start, up to three attempts;
    /// other database failures become 503. An S3Exception thrown by <paramref name="write"/> rolls everything back.
    /// </summary>
    internal async Task<T> WriteAsync<TState, T>(TState state, Func<NpgsqlConnection, NpgsqlTransaction, TState, Task<T>> write, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await _connections.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                await using var c = await _db.OpenConnectionAsync(ct).ConfigureAwait(false);
                await using var tx = await c.BeginTransactionAsync(ct).ConfigureAwait(false);
                var result = await write(c, tx, state).ConfigureAwait(false);
                await tx.CommitAsync(ct).ConfigureAwait(false);
                return result;
            }
            catch (PostgresException ex) when (attempt < 3 && ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
            }
            catch (Exception ex) when (IsUnavailable(ex))
            {
                throw Unavailable(ex);
            }
            finally
            {
                _connections.Release();
            }
        }
    }

    private Task<bool> UpdateBucketAsync(string column, string? value, string name, CancellationToken ct) =>
        WriteBucketAsync(name, (sql: $"UPDATE buckets SET {column} = @value WHERE name = @name", value, name), static async (c, tx, s) =>
            await c.ExecuteAsync(s.sql, new { s.value, s.name }, tx).ConfigureAwait(false) > 0, ct);

    /// <summary>The database cannot be reached or is shutting down: the request may be retried.</summary>
    private static bool IsUnavailable(Exception ex) => ex switch
    {
        S3Exception or OperationCanceledException => false,
        PostgresException pg => pg.IsTransient,
        NpgsqlException => true,
        TimeoutException or System.Net.Sockets.SocketException or IOException => true,
        _ => false,
    };

    private static S3Exception Unavailable(Exception ex) =>
        new(S3Errors.ServiceUnavailable, $"The metadata database is unavailable ({ex.GetType().Name}); please retry.");
}
