using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Tagging;
using BleepStore.Infrastructure.Metadata.Sqlite;
using Npgsql;

namespace BleepStore.Infrastructure.Metadata.Postgres;

/// <summary>
/// Objects: the port of SqliteMetadataStore.Objects. Every write to a key holds the key's advisory lock
/// (<see cref="LockKeyAsync"/>), then the bucket's advisory lock shared, and reads the bucket's versioning state in
/// the same transaction: a versioning change or a bucket delete (the bucket's lock exclusive, <see cref="WriteBucketAsync"/>)
/// waits for the writes that read the old state, and they for it.
/// </summary>
public sealed partial class PostgresMetadataStore
{
    private const string SelectObjectWithData = $"SELECT {ObjectRow.ColumnsWithData} FROM objects WHERE bucket = @bucket AND key = @key";

    private const string SelectCurrentEntry = $"SELECT {PostgresRows.EntryColumns} FROM objects WHERE bucket = @bucket AND key = @key";

    private const string UpsertObject =
        $"INSERT INTO objects ({ObjectRow.InsertColumns}) VALUES ({ObjectRow.InsertValues}) " +
        $"ON CONFLICT (bucket, key) DO UPDATE SET {ObjectRow.UpdateFromExcluded}";

    private const string DeleteObjectReturning = $"DELETE FROM objects WHERE bucket = @bucket AND key = @key RETURNING {ObjectRow.Columns}";

    /// <summary>
    /// What a write reads of its bucket, after taking the bucket's lock shared (a statement of its own before this one,
    /// so that this statement's snapshot is taken once the lock is held: READ COMMITTED).
    /// </summary>
    private const string SelectBucketState = "SELECT versioning, acl FROM buckets WHERE name = $1";

    /// <summary>The bucket's advisory lock, shared (<see cref="LockBucketExclusive"/>): $1 is the bucket.</summary>
    internal const string LockBucketShared = $"SELECT pg_advisory_xact_lock_shared({BucketLockClass}, hashtext($1))";

    /// <summary>The key's lock (<see cref="LockKeyAsync"/>) and then the bucket's, shared, in one statement: $1 bucket, $2 the key's stored form.</summary>
    private const string LockKeyAndBucketShared =
        $"SELECT pg_advisory_xact_lock(hashtextextended($1 || '/' || $2, 0)), pg_advisory_xact_lock_shared({BucketLockClass}, hashtext($1))";

    private const string SelectCurrentEntryPositional = $"SELECT {PostgresRows.EntryColumns} FROM objects WHERE bucket = $1 AND key = $2";

    // Index: lower bound (0 none, 1 >=, 2 >) * 2 + upper bound (0 none, 1 <), as on SQLite.
    private static readonly string[] ListObjectsSql = BuildListingSql($"SELECT {ObjectRow.ListingColumns} FROM objects WHERE bucket = @bucket", "ORDER BY key");

    public Task<ObjectRecord?> GetObjectAsync(string bucket, string key, CancellationToken ct) =>
        ReadAsync((bucket, key), static async (c, s) =>
        {
            await using var command = c.Command(null, SelectObjectWithData).Set("bucket", s.bucket).SetKey(s.key);
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            return await reader.ReadAsync().ConfigureAwait(false) ? PostgresRows.ReadRow(reader).ToDomain() : null;
        }, ct);

    /// <summary>
    /// The unconditional write of a key in a bucket that never had versioning, as one batch in PostgreSQL's implicit
    /// transaction (one round trip, commit included): the key's lock, the bucket's lock shared and its state, the key's current
    /// row (the replaced one, read under the lock), and the upsert, which writes only while the bucket's versioning is
    /// unset. The same statements as <see cref="UpsertObjectAsync"/>'s unversioned path, in the same order.
    /// </summary>
    private const string UpsertObjectIfUnversioned =
        $"INSERT INTO objects ({ObjectRow.InsertColumns}) SELECT {ObjectRow.InsertValues} " +
        "WHERE EXISTS (SELECT 1 FROM buckets WHERE name = @bucket AND versioning IS NULL) " +
        $"ON CONFLICT (bucket, key) DO UPDATE SET {ObjectRow.UpdateFromExcluded}";

    public async Task<ObjectWrite> PutObjectAsync(ObjectRecord record, WriteCondition condition, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (condition.IsNone && !KnownVersioned(record.Bucket) && await BatchWriteAsync(record, PutUnversionedAsync, ct).ConfigureAwait(false) is { } written)
        {
            return written;
        }

        return await WriteAsync((record, condition), static async (c, tx, s) =>
        {
            // The key's lock rides in the first round trip (a statement of the batch, before the reads).
            return await UpsertObjectAsync(c, tx, s.record, s.condition, lockKey: true).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// True when this node's cached bucket row has a versioning state: a bucket never goes back to "never versioned",
    /// so its writes go straight to the transaction path instead of trying the unversioned batch first.
    /// </summary>
    private bool KnownVersioned(string bucket) => _buckets.TryGet(bucket, out var cached) && cached.Versioning is not null;

    /// <summary>
    /// <see cref="UpsertObjectIfUnversioned"/>'s batch; null when the bucket has a versioning state (nothing was written:
    /// the caller takes the transaction path). A missing bucket is NoSuchBucket.
    /// </summary>
    private static async Task<ObjectWrite?> PutUnversionedAsync(NpgsqlConnection c, ObjectRecord record)
    {
        await using var batch = new NpgsqlBatch(c);
        var upsertCommand = new NpgsqlBatchCommand(UpsertObjectIfUnversioned);
        PostgresRows.SetObject(upsertCommand.Parameters, record);
        var (bucketState, current) = await ReadForWriteAsync(batch, record, lockKey: true, then: upsertCommand).ConfigureAwait(false);
        if (bucketState is null)
        {
            throw S3Exception.NoSuchBucket(record.Bucket);
        }

        if (bucketState.Versioning is not null)
        {
            return null;
        }

        return current is null ? ObjectWrite.Nothing : new ObjectWrite(current.Row.ToDomain(), null);
    }

    public async Task<ObjectRecord?> DeleteObjectAsync(string bucket, string key, CancellationToken ct)
    {
        var row = await WriteAsync((bucket, key), static async (c, tx, s) =>
        {
            var bucketState = await ReadBucketForWriteAsync(c, tx, s.bucket, s.key).ConfigureAwait(false);
            var row = await DeleteCurrentRowAsync(c, tx, s.bucket, s.key).ConfigureAwait(false);
            if (row is not null && bucketState?.Versioning is not null)
            {
                await PromoteNewestAsync(c, tx, s.bucket, s.key).ConfigureAwait(false);
            }

            return row;
        }, ct).ConfigureAwait(false);
        return row?.ToDomain();
    }

    public Task<IReadOnlyList<ObjectRecord>> DeleteObjectsAsync(string bucket, IReadOnlyList<string> keys, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return WriteAsync((bucket, keys, at: Timestamps.ToText(DateTimeOffset.UtcNow)), static async (c, tx, s) =>
        {
            var deleted = new List<ObjectRecord>();
            if (s.keys.Count == 0)
            {
                return (IReadOnlyList<ObjectRecord>)deleted;
            }

            // All the keys' locks in one statement, in the order of their lock ids, so two multi-key deletes cannot deadlock.
            await PostgresRows.ExecuteAsync(c.Command(
                tx,
                "SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtextextended(@bucket || '/' || k, 0) AS h FROM unnest(@keys) AS k ORDER BY 1) AS locks")
                .Set("bucket", s.bucket).Set("keys", s.keys.Distinct(StringComparer.Ordinal).Select(PostgresKeys.Encode).ToArray())).ConfigureAwait(false);
            var bucketState = await ReadBucketForWriteAsync(c, tx, s.bucket).ConfigureAwait(false);
            if (bucketState is not { Versioning: not null } state)
            {
                // One statement for the lot; the answer keeps the order of the request.
                var rows = new Dictionary<string, ObjectRow>(StringComparer.Ordinal);
                await using (var command = c.Command(tx, $"DELETE FROM objects WHERE bucket = @bucket AND key = ANY(@keys) RETURNING {ObjectRow.Columns}")
                    .Set("bucket", s.bucket).Set("keys", s.keys.Select(PostgresKeys.Encode).ToArray()))
                {
                    await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
                    while (await reader.ReadAsync().ConfigureAwait(false))
                    {
                        var row = PostgresRows.ReadRow(reader);
                        rows[row.Key] = row;
                    }
                }

                foreach (var key in s.keys)
                {
                    if (rows.Remove(key, out var row))
                    {
                        deleted.Add(row.ToDomain());
                    }
                }

                return deleted;
            }

            foreach (var key in s.keys)
            {
                // Markers made here belong to the bucket owner.
                var removed = (await DeleteCurrentInTransactionAsync(c, tx, state, s.bucket, key, state.Acl, s.at).ConfigureAwait(false)).Released;
                if (removed is not null)
                {
                    deleted.Add(removed);
                }
            }

            return deleted;
        }, ct);
    }

    public Task<bool> SetObjectAclAsync(string bucket, string key, AccessControlList acl, CancellationToken ct) =>
        UpdateObjectColumnAsync("acl", MetadataJson.WriteAcl(acl), bucket, key, ct);

    public Task<string?> SetObjectTagsAsync(string bucket, string key, IReadOnlyList<Tag> tags, CancellationToken ct) =>
        WriteAsync((json: MetadataJson.WriteTags(tags), bucket, key), static async (c, tx, s) =>
        {
            await LockKeyAsync(c, tx, s.bucket, s.key).ConfigureAwait(false);
            await using var command = c.Command(tx, "UPDATE objects SET tags = @json WHERE bucket = @bucket AND key = @key RETURNING version_id")
                .Set("json", s.json).Set("bucket", s.bucket).SetKey(s.key);
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            return await reader.ReadAsync().ConfigureAwait(false) ? VersionIds.ToWire(reader.IsDBNull(0) ? null : reader.GetString(0)) : null;
        }, ct);

    public Task<IReadOnlyList<ObjectRecord>> ListObjectsAsync(string bucket, string prefix, string? from, bool inclusive, int limit, CancellationToken ct)
    {
        if (limit <= 0)
        {
            return Task.FromResult<IReadOnlyList<ObjectRecord>>([]);
        }

        var (lower, lowerKind, upper) = ListingBounds(prefix, from, inclusive);
        return ReadAsync((bucket, lower, upper, limit, sql: ListObjectsSql[(lowerKind * 2) + (upper is null ? 0 : 1)]), static async (c, s) =>
        {
            await using var command = ListingCommand(c, null, s.sql, s.bucket, s.lower, s.upper, s.limit);
            var result = new List<ObjectRecord>(Math.Min(s.limit, 1024));
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                result.Add(PostgresRows.ReadListing(reader, s.bucket));
            }

            return (IReadOnlyList<ObjectRecord>)result;
        }, ct);
    }

    /// <summary>The listing statement of ListObjectsAsync with these bounds (tests EXPLAIN it).</summary>
    internal static string ListObjectsSqlFor(bool lower, bool upper) => ListObjectsSql[(lower ? 2 : 0) + (upper ? 1 : 0)];

    /// <summary>The current- and noncurrent-entry statements of ListObjectVersionsAsync with both bounds (tests EXPLAIN them).</summary>
    internal static (string Current, string Noncurrent, string KeyAfter) ListVersionsSqlForTests() =>
        (ListCurrentVersionsSql[3], ListNoncurrentVersionsSql[3], SelectKeyVersionsAfter);

    /// <summary>
    /// In the caller's transaction, which has taken the key's advisory lock first (<see cref="LockKeyAsync"/>): checks
    /// <paramref name="condition"/> against the key's current row (PreconditionFailed / NoSuchKey as S3Exception) and
    /// writes <paramref name="record"/> as the key's current version under the bucket's versioning state (decision 0014,
    /// as SqliteMetadataStore.UpsertObjectInTransaction); a missing bucket is NoSuchBucket. Returns the replaced row
    /// (whose blob the caller deletes) and the version made. PutObjectAsync and CompleteUploadAsync both write through it.
    /// </summary>
    internal static Task<ObjectWrite> UpsertObjectInTransactionAsync(NpgsqlConnection c, NpgsqlTransaction tx, ObjectRecord record, WriteCondition condition) =>
        UpsertObjectAsync(c, tx, record, condition, lockKey: false);

    /// <summary><see cref="UpsertObjectInTransactionAsync"/>; with <paramref name="lockKey"/>, it takes the key's lock itself, as LockKeyAsync does.</summary>
    private static async Task<ObjectWrite> UpsertObjectAsync(NpgsqlConnection c, NpgsqlTransaction tx, ObjectRecord record, WriteCondition condition, bool lockKey)
    {
        ArgumentNullException.ThrowIfNull(record);
        BucketState? bucketState;
        PostgresEntry? current;

        // One round trip: (the key's lock,) the bucket's state (locked) and the key's current row.
        await using (var batch = new NpgsqlBatch(c, tx))
        {
            (bucketState, current) = await ReadForWriteAsync(batch, record, lockKey, then: null).ConfigureAwait(false);
        }

        condition.Check(record.Key, current?.Row.ETag);
        if (bucketState is null)
        {
            throw S3Exception.NoSuchBucket(record.Bucket);
        }

        if (bucketState.Versioning is { } status)
        {
            return await VersionedPutAsync(c, tx, record, status, current).ConfigureAwait(false);
        }

        await PostgresRows.ExecuteAsync(c.Command(tx, UpsertObject).SetObject(record)).ConfigureAwait(false);
        return current is null ? ObjectWrite.Nothing : new ObjectWrite(current.Row.ToDomain(), null);
    }

    /// <summary>
    /// Runs <paramref name="batch"/> with, in this order: (the key's lock, with <paramref name="lockKey"/>, and) the
    /// bucket's lock shared, the bucket's state, the key's current row, and <paramref name="then"/> (a statement
    /// returning nothing); returns the bucket's state (null: no such bucket) and the current row.
    /// </summary>
    private static async Task<(BucketState? Bucket, PostgresEntry? Current)> ReadForWriteAsync(NpgsqlBatch batch, ObjectRecord record, bool lockKey, NpgsqlBatchCommand? then)
    {
        var key = PostgresKeys.Encode(record.Key);
        AddWriteLocks(batch, record.Bucket, lockKey ? key : null);
        var rowCommand = new NpgsqlBatchCommand(SelectCurrentEntryPositional);
        rowCommand.Parameters.Add(new NpgsqlParameter { Value = record.Bucket });
        rowCommand.Parameters.Add(new NpgsqlParameter { Value = key });
        batch.BatchCommands.Add(rowCommand);
        if (then is not null)
        {
            batch.BatchCommands.Add(then);
        }

        await using var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
        var bucketState = await ReadBucketStateAsync(reader).ConfigureAwait(false);
        await reader.NextResultAsync().ConfigureAwait(false);
        var current = await reader.ReadAsync().ConfigureAwait(false) ? PostgresRows.ReadEntry(reader) : null;
        return (bucketState, current);
    }

    /// <summary>
    /// Adds a write's locks and its read of the bucket's state to <paramref name="batch"/>: the key's lock (when
    /// <paramref name="storedKey"/> is given) and the bucket's lock shared in one statement, then <see cref="SelectBucketState"/>.
    /// <see cref="ReadBucketStateAsync"/> reads their results.
    /// </summary>
    private static void AddWriteLocks(NpgsqlBatch batch, string bucket, string? storedKey)
    {
        var locks = new NpgsqlBatchCommand(storedKey is null ? LockBucketShared : LockKeyAndBucketShared);
        locks.Parameters.Add(new NpgsqlParameter { Value = bucket });
        if (storedKey is not null)
        {
            locks.Parameters.Add(new NpgsqlParameter { Value = storedKey });
        }

        var state = new NpgsqlBatchCommand(SelectBucketState);
        state.Parameters.Add(new NpgsqlParameter { Value = bucket });
        batch.BatchCommands.Add(locks);
        batch.BatchCommands.Add(state);
    }

    /// <summary>Reads the results of <see cref="AddWriteLocks"/>'s statements (the first ones of the batch): the bucket's state, null when there is no such bucket.</summary>
    private static async Task<BucketState?> ReadBucketStateAsync(NpgsqlDataReader reader)
    {
        await reader.NextResultAsync().ConfigureAwait(false);
        return await reader.ReadAsync().ConfigureAwait(false)
            ? new BucketState(reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1))
            : null;
    }

    /// <summary>
    /// The bucket's state for a write in the caller's transaction, in one round trip: takes the lock of
    /// <paramref name="key"/> when given (<see cref="LockKeyAsync"/>; otherwise the caller holds its keys' locks
    /// already), then the bucket's lock shared, then reads its versioning status and ACL; null when there is no such
    /// bucket. The bucket cannot change or go until the transaction ends.
    /// </summary>
    private static async Task<BucketState?> ReadBucketForWriteAsync(NpgsqlConnection c, NpgsqlTransaction tx, string bucket, string? key = null)
    {
        await using var batch = new NpgsqlBatch(c, tx);
        AddWriteLocks(batch, bucket, key is null ? null : PostgresKeys.Encode(key));
        await using var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
        return await ReadBucketStateAsync(reader).ConfigureAwait(false);
    }

    private static async Task<ObjectRow?> DeleteCurrentRowAsync(NpgsqlConnection c, NpgsqlTransaction tx, string bucket, string key)
    {
        await using var command = c.Command(tx, DeleteObjectReturning).Set("bucket", bucket).SetKey(key);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        return await reader.ReadAsync().ConfigureAwait(false) ? PostgresRows.ReadRow(reader) : null;
    }

    private Task<bool> UpdateObjectColumnAsync(string column, string? value, string bucket, string key, CancellationToken ct) =>
        WriteAsync((sql: $"UPDATE objects SET {column} = @value WHERE bucket = @bucket AND key = @key", value, bucket, key), static async (c, tx, s) =>
        {
            await LockKeyAsync(c, tx, s.bucket, s.key).ConfigureAwait(false);
            return await PostgresRows.ExecuteAsync(c.Command(tx, s.sql).Set("value", s.value).Set("bucket", s.bucket).SetKey(s.key)).ConfigureAwait(false) > 0;
        }, ct);

    /// <summary>
    /// One lower bound (the larger of prefix and marker: kind 1 is &gt;=, 2 is &gt;) and one upper bound (the prefix's
    /// byte-order successor), so the (bucket, key) index is seeked once and scanned in order; never LIKE.
    /// </summary>
    private static (string? Lower, int LowerKind, string? Upper) ListingBounds(string prefix, string? from, bool inclusive)
    {
        string? lower = null;
        var lowerKind = 0;
        if (prefix.Length > 0)
        {
            lower = prefix;
            lowerKind = 1;
        }

        if (from is not null && (lower is null || Utf8Order.Instance.Compare(from, lower) >= 0))
        {
            lower = from;
            lowerKind = inclusive ? 1 : 2;
        }

        return (lower, lowerKind, prefix.Length > 0 ? Utf8Order.PrefixSuccessor(prefix) : null);
    }

    private static NpgsqlCommand ListingCommand(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, string bucket, string? lower, string? upper, int limit)
    {
        var command = c.Command(tx, sql).Set("bucket", bucket).Set("limit", limit);
        if (lower is not null)
        {
            command.Set("lower", PostgresKeys.Encode(lower));
        }

        if (upper is not null)
        {
            command.Set("upper", PostgresKeys.Encode(upper));
        }

        return command;
    }

    private static string[] BuildListingSql(string select, string order)
    {
        var result = new string[6];
        string[] lowers = ["", " AND key >= @lower", " AND key > @lower"];
        string[] uppers = ["", " AND key < @upper"];
        for (var l = 0; l < 3; l++)
        {
            for (var u = 0; u < 2; u++)
            {
                result[(l * 2) + u] = $"{select}{lowers[l]}{uppers[u]} {order} LIMIT @limit";
            }
        }

        return result;
    }

    /// <summary>What a write to an object reads of its bucket: the versioning status (null: never versioned) and the ACL.</summary>
    private sealed record BucketState(string? Versioning, string Acl);
}
