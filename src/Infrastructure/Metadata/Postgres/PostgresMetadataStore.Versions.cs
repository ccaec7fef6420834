using System.Data;
using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Tagging;
using BleepStore.Infrastructure.Metadata.Sqlite;
using Npgsql;

namespace BleepStore.Infrastructure.Metadata.Postgres;

/// <summary>
/// Versioning (decision 0014), the port of SqliteMetadataStore.Versions: <c>objects</c> keeps the current row of each
/// key; noncurrent versions and delete markers live in <c>object_versions</c>, newest first per key by a per-key
/// sequence. Each write holds the key's advisory lock, so the sequence read under it (<see cref="NextSeqAsync"/>) is
/// the key's, whichever node writes; the versioning status is the bucket row's, read in the same transaction.
/// </summary>
public sealed partial class PostgresMetadataStore
{
    private const string Common =
        "size, etag, content_type, content_encoding, content_language, content_disposition, cache_control, expires, storage_class, acl, " +
        "user_metadata, last_modified, blob_id, checksums, parts_count, part_sizes, tags, inline_data, object_lock, part_checksums";

    private const string ArchiveCurrent =
        $"INSERT INTO object_versions (bucket, key, seq, version_id, delete_marker, {Common}) " +
        $"SELECT bucket, key, seq, version_id, 0, {Common} FROM objects WHERE bucket = @bucket AND key = @key";

    private const string PromoteVersion =
        $"INSERT INTO objects (bucket, key, seq, version_id, delete_marker, {Common}) " +
        $"SELECT bucket, key, seq, version_id, 0, {Common} FROM object_versions WHERE bucket = @bucket AND key = @key AND seq = @seq";

    private const string InsertVersioned =
        $"INSERT INTO objects ({ObjectRow.InsertColumns}, version_id, seq) VALUES ({ObjectRow.InsertValues}, @version_id, @seq)";

    private const string InsertMarker =
        "INSERT INTO object_versions (bucket, key, seq, version_id, delete_marker, size, etag, acl, last_modified, blob_id) " +
        "VALUES (@bucket, @key, @seq, @version_id, 1, 0, '', @acl, @last_modified, '')";

    // The null version is version_id NULL: IS NOT DISTINCT FROM matches it (the index still seeks on bucket and key).
    private const string SelectCurrentByVersion =
        $"SELECT {PostgresRows.EntryColumns} FROM objects WHERE bucket = @bucket AND key = @key AND version_id IS NOT DISTINCT FROM @version_id";

    private const string SelectVersionById =
        $"SELECT {PostgresRows.EntryColumns} FROM object_versions WHERE bucket = @bucket AND key = @key AND version_id IS NOT DISTINCT FROM @version_id";

    private const string SelectNewestVersion =
        $"SELECT {PostgresRows.EntryColumns} FROM object_versions WHERE bucket = @bucket AND key = @key ORDER BY seq DESC LIMIT 1";

    // One statement, so one snapshot: a version moving between the tables meanwhile is found in one or the other.
    private const string SelectAnyByVersion = $"({SelectCurrentByVersion}) UNION ALL ({SelectVersionById}) LIMIT 1";

    // The current row has its key's highest sequence, so the newest entry of both tables is the latest version.
    private const string SelectLatest =
        $"({SelectCurrentEntry}) UNION ALL ({SelectNewestVersion}) ORDER BY seq DESC LIMIT 1";

    private const string DeleteVersionRow = "DELETE FROM object_versions WHERE bucket = @bucket AND key = @key AND seq = @seq";

    private const string VersionListingColumns = "key, size, etag, storage_class, acl, last_modified, version_id, seq, blob_id";

    private const string SelectKeyVersionsAfter =
        $"SELECT {VersionListingColumns}, delete_marker FROM object_versions WHERE bucket = @bucket AND key = @key AND seq < @seq ORDER BY seq DESC LIMIT @limit";

    private const string SelectSeqOfVersion =
        "SELECT seq FROM objects WHERE bucket = @bucket AND key = @key AND version_id IS NOT DISTINCT FROM @version_id " +
        "UNION ALL SELECT seq FROM object_versions WHERE bucket = @bucket AND key = @key AND version_id IS NOT DISTINCT FROM @version_id";

    // Index as for ListObjectsSql: lower bound (0 none, 1 >=, 2 >) * 2 + upper bound (0 none, 1 <).
    private static readonly string[] ListCurrentVersionsSql =
        BuildListingSql($"SELECT {VersionListingColumns}, 0::bigint FROM objects WHERE bucket = @bucket", "ORDER BY key");

    private static readonly string[] ListNoncurrentVersionsSql =
        BuildListingSql($"SELECT {VersionListingColumns}, delete_marker FROM object_versions WHERE bucket = @bucket", "ORDER BY key, seq DESC");

    public Task<bool> SetBucketVersioningAsync(string name, string status, CancellationToken ct) =>
        WriteBucketAsync(name, (name, status), static async (c, tx, s) =>
            // An object lock bucket's versioning stays Enabled (S3: InvalidBucketState), judged here at commit.
            await PostgresRows.ExecuteAsync(c.Command(tx, "UPDATE buckets SET versioning = @status WHERE name = @name AND (object_lock IS NULL OR @status = 'Enabled')")
                .Set("status", s.status).Set("name", s.name)).ConfigureAwait(false) > 0, ct);

    public Task<ObjectRecord?> GetObjectVersionAsync(string bucket, string key, string versionId, CancellationToken ct) =>
        ReadAsync((bucket, key, stored: VersionIds.ToStored(versionId)), static async (c, s) =>
            (await QueryEntryAsync(c, null, SelectAnyByVersion, s.bucket, s.key, s.stored, withVersion: true).ConfigureAwait(false))?.Record, ct);

    public Task<ObjectRecord?> GetLatestVersionAsync(string bucket, string key, CancellationToken ct) =>
        ReadAsync((bucket, key), static async (c, s) =>
            (await QueryEntryAsync(c, null, SelectLatest, s.bucket, s.key).ConfigureAwait(false))?.Record, ct);

    public async Task<VersionDelete> DeleteCurrentAsync(string bucket, string key, Owner owner, DateTimeOffset at, CancellationToken ct)
    {
        if (!KnownVersioned(bucket) && await BatchWriteAsync((bucket, key), static (c, s) => DeleteUnversionedAsync(c, s.bucket, s.key), ct).ConfigureAwait(false) is { } deleted)
        {
            return deleted;
        }

        var acl = MetadataJson.WriteAcl(AccessControlList.Private(owner));
        return await WriteAsync((bucket, key, acl, at: Timestamps.ToText(at)), static async (c, tx, s) =>
        {
            var state = await ReadBucketForWriteAsync(c, tx, s.bucket, s.key).ConfigureAwait(false);
            return await DeleteCurrentInTransactionAsync(c, tx, state, s.bucket, s.key, s.acl, s.at).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The delete of a key's current row in a bucket that never had versioning, as one batch in PostgreSQL's implicit
    /// transaction (one round trip, commit included): the key's lock, the bucket's lock shared and its state, and the delete,
    /// which runs only while the bucket's versioning is unset. Null when the bucket has a versioning state (nothing was
    /// deleted: the caller takes the transaction path, which makes markers and versions).
    /// </summary>
    private static async Task<VersionDelete?> DeleteUnversionedAsync(NpgsqlConnection c, string bucket, string key)
    {
        await using var batch = new NpgsqlBatch(c);
        var stored = PostgresKeys.Encode(key);
        var deleteCommand = new NpgsqlBatchCommand(
            "DELETE FROM objects WHERE bucket = $1 AND key = $2 AND EXISTS (SELECT 1 FROM buckets WHERE name = $1 AND versioning IS NULL) " +
            $"RETURNING {ObjectRow.Columns}");
        deleteCommand.Parameters.Add(new NpgsqlParameter { Value = bucket });
        deleteCommand.Parameters.Add(new NpgsqlParameter { Value = stored });
        AddWriteLocks(batch, bucket, stored);
        batch.BatchCommands.Add(deleteCommand);
        await using var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
        var versioning = (await ReadBucketStateAsync(reader).ConfigureAwait(false))?.Versioning;
        await reader.NextResultAsync().ConfigureAwait(false);
        var row = await reader.ReadAsync().ConfigureAwait(false) ? PostgresRows.ReadRow(reader) : null;
        return versioning is not null ? null : new VersionDelete(row?.ToDomain(), null, false);
    }

    public Task<VersionDelete> DeleteVersionAsync(string bucket, string key, string versionId, CancellationToken ct) =>
        WriteAsync((bucket, key, versionId), static async (c, tx, s) =>
        {
            await LockKeyAsync(c, tx, s.bucket, s.key).ConfigureAwait(false);
            return await DeleteVersionInTransactionAsync(c, tx, s.bucket, s.key, s.versionId, null).ConfigureAwait(false);
        }, ct);

    public Task<bool> SetObjectVersionAclAsync(string bucket, string key, string versionId, AccessControlList acl, CancellationToken ct) =>
        UpdateVersionColumnAsync("acl", MetadataJson.WriteAcl(acl), bucket, key, versionId, ct);

    public Task<bool> SetObjectVersionTagsAsync(string bucket, string key, string versionId, IReadOnlyList<Tag> tags, CancellationToken ct) =>
        UpdateVersionColumnAsync("tags", tags.Count == 0 ? null : MetadataJson.WriteTags(tags), bucket, key, versionId, ct);

    public Task<IReadOnlyList<ObjectVersion>> ListObjectVersionsAsync(
        string bucket, string prefix, string? fromKey, bool inclusive, string? afterVersionId, int limit, CancellationToken ct)
    {
        if (limit <= 0)
        {
            return Task.FromResult<IReadOnlyList<ObjectVersion>>([]);
        }

        return ReadAsync((bucket, prefix, fromKey, inclusive, afterVersionId, limit), static async (c, s) =>
        {
            // Several statements over one snapshot: no version is seen twice or missed as it moves between the tables.
            await using var tx = await c.BeginTransactionAsync(IsolationLevel.RepeatableRead).ConfigureAwait(false);
            var (bucket, prefix, fromKey, inclusive, afterVersionId, limit) = s;
            var result = new List<ObjectVersion>(Math.Min(limit, 1024));
            string? resumedKey = null;
            if (fromKey is not null && afterVersionId is not null)
            {
                inclusive = false;
                object? seq;
                await using (var command = c.Command(tx, SelectSeqOfVersion)
                    .Set("bucket", bucket).SetKey(fromKey).Set("version_id", VersionIds.ToStored(afterVersionId)))
                {
                    seq = await command.ExecuteScalarAsync().ConfigureAwait(false);
                }

                if (seq is long after && fromKey.StartsWith(prefix, StringComparison.Ordinal))
                {
                    // The rest of the marker's key: never its latest entry, which sorted before the marker.
                    await using var command = c.Command(tx, SelectKeyVersionsAfter).Set("bucket", bucket).SetKey(fromKey).Set("seq", after).Set("limit", limit);
                    await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
                    while (await reader.ReadAsync().ConfigureAwait(false))
                    {
                        result.Add(new ObjectVersion(ReadVersionListing(reader, bucket), false));
                    }

                    resumedKey = fromKey;
                }
            }

            if (result.Count >= limit)
            {
                return (IReadOnlyList<ObjectVersion>)result;
            }

            var (lower, lowerKind, upper) = ListingBounds(prefix, fromKey, inclusive);
            var index = (lowerKind * 2) + (upper is null ? 0 : 1);
            var want = limit - result.Count;
            var current = await ReadVersionPageAsync(c, tx, ListCurrentVersionsSql[index], bucket, lower, upper, want).ConfigureAwait(false);
            var noncurrent = await ReadVersionPageAsync(c, tx, ListNoncurrentVersionsSql[index], bucket, lower, upper, want).ConfigureAwait(false);
            await tx.CommitAsync().ConfigureAwait(false);

            // Merge by (key, seq descending): a key's current row has its highest sequence.
            int i = 0, j = 0;
            var lastKey = resumedKey;
            while (result.Count < limit && (i < current.Count || j < noncurrent.Count))
            {
                (ObjectRecord Record, long Seq) next;
                if (j >= noncurrent.Count)
                {
                    next = current[i++];
                }
                else if (i >= current.Count)
                {
                    next = noncurrent[j++];
                }
                else
                {
                    var order = Utf8Order.Instance.Compare(current[i].Record.Key, noncurrent[j].Record.Key);
                    next = order < 0 || (order == 0 && current[i].Seq > noncurrent[j].Seq) ? current[i++] : noncurrent[j++];
                }

                var latest = next.Record.Key != lastKey;
                lastKey = next.Record.Key;
                result.Add(new ObjectVersion(next.Record, latest));
            }

            return (IReadOnlyList<ObjectVersion>)result;
        }, ct);
    }

    private Task<bool> UpdateVersionColumnAsync(string column, string? value, string bucket, string key, string versionId, CancellationToken ct) =>
        WriteAsync(
            (current: $"UPDATE objects SET {column} = @value WHERE bucket = @bucket AND key = @key AND version_id IS NOT DISTINCT FROM @version_id",
             noncurrent: $"UPDATE object_versions SET {column} = @value WHERE bucket = @bucket AND key = @key AND version_id IS NOT DISTINCT FROM @version_id AND delete_marker = 0",
             value, bucket, key, stored: VersionIds.ToStored(versionId)),
            static async (c, tx, s) =>
            {
                await LockKeyAsync(c, tx, s.bucket, s.key).ConfigureAwait(false);
                return await PostgresRows.ExecuteAsync(c.Command(tx, s.current).Set("value", s.value).Set("bucket", s.bucket).SetKey(s.key).Set("version_id", s.stored)).ConfigureAwait(false) > 0
                    || await PostgresRows.ExecuteAsync(c.Command(tx, s.noncurrent).Set("value", s.value).Set("bucket", s.bucket).SetKey(s.key).Set("version_id", s.stored)).ConfigureAwait(false) > 0;
            },
            ct);

    private static async Task<List<(ObjectRecord Record, long Seq)>> ReadVersionPageAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, string sql, string bucket, string? lower, string? upper, int limit)
    {
        await using var command = ListingCommand(c, tx, sql, bucket, lower, upper, limit);
        var page = new List<(ObjectRecord, long)>(Math.Min(limit, 1024));
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            page.Add((ReadVersionListing(reader, bucket), reader.GetInt64(7)));
        }

        return page;
    }

    private static ObjectRecord ReadVersionListing(NpgsqlDataReader r, string bucket) => new()
    {
        Bucket = bucket,
        Key = PostgresKeys.Decode(r.GetString(0)),
        Size = r.GetInt64(1),
        ETag = r.GetString(2),
        Content = ContentHeaders.Default,
        StorageClass = r.GetString(3),
        Acl = MetadataJson.ReadAcl(r.GetString(4), null),
        LastModified = Timestamps.FromText(r.GetString(5)),
        VersionId = r.IsDBNull(6) ? null : r.GetString(6),
        BlobId = r.GetString(8),
        IsDeleteMarker = r.GetInt64(9) != 0,
    };

    /// <summary>Runs <paramref name="sql"/> (selecting <see cref="PostgresRows.EntryColumns"/>) for one key; its first row or null.</summary>
    private static Task<PostgresEntry?> QueryEntryAsync(
        NpgsqlConnection c, NpgsqlTransaction? tx, string sql, string bucket, string key, string? versionId = null, bool withVersion = false)
    {
        var command = c.Command(tx, sql).Set("bucket", bucket).SetKey(key);
        if (withVersion)
        {
            command.Set("version_id", versionId);
        }

        return PostgresRows.QueryEntryAsync(command);
    }

    private static Task<int> ExecuteKeyAsync(NpgsqlConnection c, NpgsqlTransaction tx, string sql, string bucket, string key, long? seq = null)
    {
        var command = c.Command(tx, sql).Set("bucket", bucket).SetKey(key);
        if (seq is { } s)
        {
            command.Set("seq", s);
        }

        return PostgresRows.ExecuteAsync(command);
    }

    /// <summary>The key's next sequence number; read under the key's lock, so no other writer takes the same one.</summary>
    private static async Task<long> NextSeqAsync(NpgsqlConnection c, NpgsqlTransaction tx, string bucket, string key, PostgresEntry? current)
    {
        object? max;
        await using (var command = c.Command(tx, "SELECT MAX(seq) FROM object_versions WHERE bucket = @bucket AND key = @key").Set("bucket", bucket).SetKey(key))
        {
            max = await command.ExecuteScalarAsync().ConfigureAwait(false);
        }

        return Math.Max(max is long m ? m : -1, current?.Seq ?? -1) + 1;
    }

    /// <summary>Moves the current row into object_versions (it stays, noncurrent).</summary>
    private static async Task ArchiveAsync(NpgsqlConnection c, NpgsqlTransaction tx, string bucket, string key)
    {
        await ExecuteKeyAsync(c, tx, ArchiveCurrent, bucket, key).ConfigureAwait(false);
        await ExecuteKeyAsync(c, tx, "DELETE FROM objects WHERE bucket = @bucket AND key = @key", bucket, key).ConfigureAwait(false);
    }

    /// <summary>Removes the key's noncurrent null version or null marker (Suspended overwrite rule); returns it when it held bytes.</summary>
    private static async Task<ObjectRow?> RemoveNoncurrentNullAsync(NpgsqlConnection c, NpgsqlTransaction tx, string bucket, string key)
    {
        var old = await QueryEntryAsync(c, tx, SelectVersionById, bucket, key, null, withVersion: true).ConfigureAwait(false);
        if (old is null)
        {
            return null;
        }

        await ExecuteKeyAsync(c, tx, DeleteVersionRow, bucket, key, old.Seq).ConfigureAwait(false);
        return old.Record.IsDeleteMarker ? null : old.Row;
    }

    /// <summary>When the key has no current row, makes its newest noncurrent version current (a newest marker stays where it is).</summary>
    private static async Task PromoteNewestAsync(NpgsqlConnection c, NpgsqlTransaction tx, string bucket, string key)
    {
        var newest = await QueryEntryAsync(c, tx, SelectNewestVersion, bucket, key).ConfigureAwait(false);
        if (newest is null || newest.Record.IsDeleteMarker)
        {
            return;
        }

        await ExecuteKeyAsync(c, tx, PromoteVersion, bucket, key, newest.Seq).ConfigureAwait(false);
        await ExecuteKeyAsync(c, tx, DeleteVersionRow, bucket, key, newest.Seq).ConfigureAwait(false);
    }

    /// <summary>A PUT on a bucket with a versioning status (Enabled: new version; Suspended: the null version).</summary>
    private static async Task<ObjectWrite> VersionedPutAsync(NpgsqlConnection c, NpgsqlTransaction tx, ObjectRecord record, string status, PostgresEntry? current)
    {
        var (bucket, key) = (record.Bucket, record.Key);
        var seq = await NextSeqAsync(c, tx, bucket, key, current).ConfigureAwait(false);
        ObjectRow? released = null;
        string? versionId = null;
        if (status == VersionIds.Enabled)
        {
            versionId = VersionIds.New();
            if (current is not null)
            {
                await ArchiveAsync(c, tx, bucket, key).ConfigureAwait(false);
            }
        }
        else if (current is not null && current.Row.VersionId is null)
        {
            await ExecuteKeyAsync(c, tx, "DELETE FROM objects WHERE bucket = @bucket AND key = @key", bucket, key).ConfigureAwait(false);
            released = current.Row;
        }
        else
        {
            if (current is not null)
            {
                await ArchiveAsync(c, tx, bucket, key).ConfigureAwait(false);
            }

            released = await RemoveNoncurrentNullAsync(c, tx, bucket, key).ConfigureAwait(false);
        }

        await PostgresRows.ExecuteAsync(c.Command(tx, InsertVersioned).SetObject(record).Set("version_id", versionId).Set("seq", seq)).ConfigureAwait(false);
        return new ObjectWrite(released?.ToDomain(), VersionIds.ToWire(versionId));
    }

    /// <summary>DeleteObject without a version id, under the key's lock: a delete marker when the bucket has a versioning status.</summary>
    private static async Task<VersionDelete> DeleteCurrentInTransactionAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, BucketState? bucketState, string bucket, string key, string acl, string at)
    {
        if (bucketState?.Versioning is not { } status)
        {
            var row = await DeleteCurrentRowAsync(c, tx, bucket, key).ConfigureAwait(false);
            return new VersionDelete(row?.ToDomain(), null, false);
        }

        var current = await QueryEntryAsync(c, tx, SelectCurrentEntry, bucket, key).ConfigureAwait(false);
        var seq = await NextSeqAsync(c, tx, bucket, key, current).ConfigureAwait(false);
        ObjectRow? released = null;
        string? versionId = null;
        if (status == VersionIds.Enabled)
        {
            versionId = VersionIds.New();
            if (current is not null)
            {
                await ArchiveAsync(c, tx, bucket, key).ConfigureAwait(false);
            }
        }
        else if (current is not null && current.Row.VersionId is null)
        {
            await ExecuteKeyAsync(c, tx, "DELETE FROM objects WHERE bucket = @bucket AND key = @key", bucket, key).ConfigureAwait(false);
            released = current.Row;
        }
        else
        {
            if (current is not null)
            {
                await ArchiveAsync(c, tx, bucket, key).ConfigureAwait(false);
            }

            released = await RemoveNoncurrentNullAsync(c, tx, bucket, key).ConfigureAwait(false);
        }

        await PostgresRows.ExecuteAsync(c.Command(tx, InsertMarker)
            .Set("bucket", bucket).SetKey(key).Set("seq", seq).Set("version_id", versionId).Set("acl", acl).Set("last_modified", at)).ConfigureAwait(false);
        return new VersionDelete(released?.ToDomain(), VersionIds.ToWire(versionId), true);
    }

    /// <summary>DeleteObject with a version id, under the key's lock; with a guard, a version object lock protects stays.</summary>
    private static async Task<VersionDelete> DeleteVersionInTransactionAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, string bucket, string key, string versionId, ObjectLockGuard? guard)
    {
        var stored = VersionIds.ToStored(versionId);
        var current = await QueryEntryAsync(c, tx, SelectCurrentByVersion, bucket, key, stored, withVersion: true).ConfigureAwait(false);
        var old = current is null ? await QueryEntryAsync(c, tx, SelectVersionById, bucket, key, stored, withVersion: true).ConfigureAwait(false) : null;
        if (Locked(current ?? old, guard) is { } verdict)
        {
            return new VersionDelete(null, versionId, false, Locked: verdict);
        }

        if (current is not null)
        {
            await ExecuteKeyAsync(c, tx, "DELETE FROM objects WHERE bucket = @bucket AND key = @key", bucket, key).ConfigureAwait(false);
            await PromoteNewestAsync(c, tx, bucket, key).ConfigureAwait(false);
            return new VersionDelete(current.Row.ToDomain(), versionId, false);
        }

        if (old is null)
        {
            return new VersionDelete(null, versionId, false, Found: false);
        }

        await ExecuteKeyAsync(c, tx, DeleteVersionRow, bucket, key, old.Seq).ConfigureAwait(false);
        if (!await HasCurrentAsync(c, tx, bucket, key).ConfigureAwait(false))
        {
            await PromoteNewestAsync(c, tx, bucket, key).ConfigureAwait(false);
        }

        return new VersionDelete(old.Record.IsDeleteMarker ? null : old.Row.ToDomain(), versionId, old.Record.IsDeleteMarker);
    }

    private static async Task<bool> HasCurrentAsync(NpgsqlConnection c, NpgsqlTransaction tx, string bucket, string key)
    {
        await using var command = c.Command(tx, "SELECT EXISTS (SELECT 1 FROM objects WHERE bucket = @bucket AND key = @key)").Set("bucket", bucket).SetKey(key);
        return (bool)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
    }

    /// <summary>Why object lock keeps <paramref name="entry"/> from a guarded delete; null when it may go (or there is no guard or entry).</summary>
    private static ObjectLockVerdict? Locked(PostgresEntry? entry, ObjectLockGuard? guard)
    {
        if (entry is null || guard is null)
        {
            return null;
        }

        var verdict = ObjectLockRules.MayDeleteVersion(entry.Record, guard.Now, guard.BypassGovernance);
        return verdict == ObjectLockVerdict.Allowed ? null : verdict;
    }
}
