using System.Collections.Concurrent;
using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Tagging;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BleepStore.Infrastructure.Metadata.Sqlite;

/// <summary>
/// Versioning (decision 0014): <c>objects</c> keeps the current row of each key; noncurrent versions and delete
/// markers live in <c>object_versions</c>, newest first per key by a per-key sequence. Every method here is one
/// transaction on the writer thread, which is also the only thread that changes <see cref="_versioning"/>, so a
/// write applies the versioning state in force when it commits.
/// </summary>
public sealed partial class SqliteMetadataStore
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

    /// <summary>The new current row of a versioned PUT: replaces the row in place when there is one (already archived or released).</summary>
    private const string UpsertVersioned =
        $"INSERT INTO objects ({ObjectRow.InsertColumns}, version_id, seq) VALUES ({ObjectRow.InsertValues}, @version_id, @seq) " +
        $"ON CONFLICT(bucket, key) DO UPDATE SET {ObjectRow.UpdateFromExcluded}, version_id = excluded.version_id, seq = excluded.seq";

    private const string DeleteCurrentRow = "DELETE FROM objects WHERE bucket = @bucket AND key = @key";

    private const string DeleteVersionBySeq = "DELETE FROM object_versions WHERE bucket = @bucket AND key = @key AND seq = @seq";

    private const string InsertMarker =
        "INSERT INTO object_versions (bucket, key, seq, version_id, delete_marker, size, etag, acl, last_modified, blob_id) " +
        "VALUES (@bucket, @key, @seq, @version_id, 1, 0, '', @acl, @last_modified, '')";

    /// <summary>A full entry: the object columns, the inline bytes, then version id, marker flag and sequence.</summary>
    private const string EntryColumns = $"{ObjectRow.Columns}, inline_data AS InlineData, version_id, delete_marker, seq";

    private const string SelectCurrentEntry = $"SELECT {EntryColumns} FROM objects WHERE bucket = @bucket AND key = @key";

    private const string SelectCurrentByVersion = $"SELECT {EntryColumns} FROM objects WHERE bucket = @bucket AND key = @key AND version_id IS @version_id";

    private const string SelectVersionById = $"SELECT {EntryColumns} FROM object_versions WHERE bucket = @bucket AND key = @key AND version_id IS @version_id";

    private const string SelectNewestVersion = $"SELECT {EntryColumns} FROM object_versions WHERE bucket = @bucket AND key = @key ORDER BY seq DESC LIMIT 1";

    private const string MaxVersionSeq = "SELECT MAX(seq) FROM object_versions WHERE bucket = @bucket AND key = @key";

    private const string VersionListingColumns = "key, size, etag, storage_class, acl, last_modified, version_id, seq, blob_id";

    private const string SelectKeyVersionsAfter =
        $"SELECT {VersionListingColumns}, delete_marker FROM object_versions WHERE bucket = @bucket AND key = @key AND seq < @seq ORDER BY seq DESC LIMIT @limit";

    private const string SelectSeqOfVersion =
        "SELECT seq FROM objects WHERE bucket = @bucket AND key = @key AND version_id IS @version_id " +
        "UNION ALL SELECT seq FROM object_versions WHERE bucket = @bucket AND key = @key AND version_id IS @version_id";

    // Index as for ListObjectsSql: lower bound (0 none, 1 >=, 2 >) * 2 + upper bound (0 none, 1 <).
    private static readonly string[] ListCurrentVersionsSql = BuildVersionListingSql("objects", "0", "ORDER BY key");
    private static readonly string[] ListNoncurrentVersionsSql = BuildVersionListingSql("object_versions", "delete_marker", "ORDER BY key, seq DESC");

    /// <summary>Buckets that have a versioning status; read and written on the writer thread (and read at start).</summary>
    private readonly ConcurrentDictionary<string, string> _versioning = new(StringComparer.Ordinal);

    public Task<bool> SetBucketVersioningAsync(string name, string status, CancellationToken ct) =>
        WriteBucketAsync(name, _db.WriteAsync((name, status, map: _versioning), static (c, tx, s) =>
        {
            // An object lock bucket's versioning stays Enabled (S3: InvalidBucketState), judged here at commit.
            if (c.Execute("UPDATE buckets SET versioning = @status WHERE name = @name AND (object_lock IS NULL OR @status = 'Enabled')", new { s.status, s.name }, tx) == 0)
            {
                return false;
            }

            s.map[s.name] = s.status;
            return true;
        }, ct));

    public Task<ObjectRecord?> GetObjectVersionAsync(string bucket, string key, string versionId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var stored = VersionIds.ToStored(versionId);
        using var lease = _db.RentReader();
        var entry = ReadEntry(lease.Command(SelectCurrentByVersion).Set("@bucket", bucket).Set("@key", key).Set("@version_id", stored))
            ?? ReadEntry(lease.Command(SelectVersionById).Set("@bucket", bucket).Set("@key", key).Set("@version_id", stored));
        return Task.FromResult(entry?.Record);
    }

    public Task<ObjectRecord?> GetLatestVersionAsync(string bucket, string key, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var lease = _db.RentReader();
        var entry = ReadEntry(lease.Command(SelectCurrentEntry).Set("@bucket", bucket).Set("@key", key))
            ?? ReadEntry(lease.Command(SelectNewestVersion).Set("@bucket", bucket).Set("@key", key));
        return Task.FromResult(entry?.Record);
    }

    public async Task<VersionDelete> DeleteCurrentAsync(string bucket, string key, Owner owner, DateTimeOffset at, CancellationToken ct)
    {
        var acl = MetadataJson.WriteAcl(AccessControlList.Private(owner));
        var result = await WriteObjectAsync(bucket, key, _db.WriteAsync((bucket, key, acl, at: Timestamps.ToText(at), map: _versioning, commands: _db.WriterCommands), static (c, tx, s) =>
            DeleteCurrentInTransaction(c, s.commands, tx, s.map, s.bucket, s.key, s.acl, s.at), ct)).ConfigureAwait(false);
        return result;
    }

    public Task<VersionDelete> DeleteVersionAsync(string bucket, string key, string versionId, CancellationToken ct) =>
        WriteObjectAsync(bucket, key, _db.WriteAsync((bucket, key, versionId), static (c, tx, s) =>
            DeleteVersionInTransaction(c, tx, s.bucket, s.key, s.versionId, null), ct));

    public Task<VersionDelete> DeleteVersionAsync(string bucket, string key, string versionId, ObjectLockGuard guard, CancellationToken ct) =>
        WriteObjectAsync(bucket, key, _db.WriteAsync((bucket, key, versionId, guard), static (c, tx, s) =>
            DeleteVersionInTransaction(c, tx, s.bucket, s.key, s.versionId, s.guard), ct));

    public Task<bool> SetObjectVersionAclAsync(string bucket, string key, string versionId, AccessControlList acl, CancellationToken ct) =>
        WriteObjectAsync(bucket, key, _db.WriteAsync(new { json = MetadataJson.WriteAcl(acl), bucket, key, version_id = VersionIds.ToStored(versionId) }, static (c, tx, p) =>
            c.Execute("UPDATE objects SET acl = @json WHERE bucket = @bucket AND key = @key AND version_id IS @version_id", p, tx) > 0
            || c.Execute("UPDATE object_versions SET acl = @json WHERE bucket = @bucket AND key = @key AND version_id IS @version_id AND delete_marker = 0", p, tx) > 0, ct));

    public Task<bool> SetObjectVersionTagsAsync(string bucket, string key, string versionId, IReadOnlyList<Tag> tags, CancellationToken ct) =>
        WriteObjectAsync(bucket, key, _db.WriteAsync(new { json = tags.Count == 0 ? null : MetadataJson.WriteTags(tags), bucket, key, version_id = VersionIds.ToStored(versionId) }, static (c, tx, p) =>
            c.Execute("UPDATE objects SET tags = @json WHERE bucket = @bucket AND key = @key AND version_id IS @version_id", p, tx) > 0
            || c.Execute("UPDATE object_versions SET tags = @json WHERE bucket = @bucket AND key = @key AND version_id IS @version_id AND delete_marker = 0", p, tx) > 0, ct));

    public Task<IReadOnlyList<ObjectVersion>> ListObjectVersionsAsync(
        string bucket, string prefix, string? fromKey, bool inclusive, string? afterVersionId, int limit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var result = new List<ObjectVersion>(Math.Clamp(limit, 0, 1024));
        if (limit <= 0)
        {
            return Task.FromResult<IReadOnlyList<ObjectVersion>>(result);
        }

        using var lease = _db.RentReader();
        string? resumedKey = null;
        if (fromKey is not null && afterVersionId is not null)
        {
            inclusive = false;
            var seq = lease.Command(SelectSeqOfVersion).Set("@bucket", bucket).Set("@key", fromKey).Set("@version_id", VersionIds.ToStored(afterVersionId)).ExecuteScalar();
            if (seq is long after && fromKey.StartsWith(prefix, StringComparison.Ordinal))
            {
                // The rest of the marker's key: never its latest entry, which sorted before the marker.
                using var reader = lease.Command(SelectKeyVersionsAfter).Set("@bucket", bucket).Set("@key", fromKey).Set("@seq", after).Set("@limit", limit).ExecuteReader();
                while (reader.Read())
                {
                    result.Add(new ObjectVersion(ReadVersionListing(reader, bucket), false));
                }

                resumedKey = fromKey;
            }
        }

        if (result.Count >= limit)
        {
            return Task.FromResult<IReadOnlyList<ObjectVersion>>(result);
        }

        string? lower = null;
        var lowerKind = 0;
        if (prefix.Length > 0)
        {
            lower = prefix;
            lowerKind = 1;
        }

        if (fromKey is not null && (lower is null || Utf8Order.Instance.Compare(fromKey, lower) >= 0))
        {
            lower = fromKey;
            lowerKind = inclusive ? 1 : 2;
        }

        var upper = prefix.Length > 0 ? Utf8Order.PrefixSuccessor(prefix) : null;
        var index = (lowerKind * 2) + (upper is null ? 0 : 1);
        var want = limit - result.Count;
        var current = ReadVersionPage(lease, ListCurrentVersionsSql[index], bucket, lower, upper, want);
        var noncurrent = ReadVersionPage(lease, ListNoncurrentVersionsSql[index], bucket, lower, upper, want);

        // Merge by (key, seq descending): a key's current row has its highest sequence.
        int i = 0, j = 0;
        string? lastKey = resumedKey;
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

        return Task.FromResult<IReadOnlyList<ObjectVersion>>(result);
    }

    /// <summary>At start: which buckets have a versioning status.</summary>
    private void LoadVersioning()
    {
        using var lease = _db.RentReader();
        using var reader = lease.Command("SELECT name, versioning FROM buckets WHERE versioning IS NOT NULL").ExecuteReader();
        while (reader.Read())
        {
            _versioning[reader.GetString(0)] = reader.GetString(1);
        }
    }

    private static List<(ObjectRecord Record, long Seq)> ReadVersionPage(SqliteConnections.ReadLease lease, string sql, string bucket, string? lower, string? upper, int limit)
    {
        var command = lease.Command(sql).Set("@bucket", bucket).Set("@limit", limit);
        if (lower is not null)
        {
            command.Set("@lower", lower);
        }

        if (upper is not null)
        {
            command.Set("@upper", upper);
        }

        var page = new List<(ObjectRecord, long)>(Math.Min(limit, 1024));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            page.Add((ReadVersionListing(reader, bucket), reader.GetInt64(7)));
        }

        return page;
    }

    private static ObjectRecord ReadVersionListing(SqliteDataReader r, string bucket) => new()
    {
        Bucket = bucket,
        Key = r.GetString(0),
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

    private static string[] BuildVersionListingSql(string table, string marker, string order)
    {
        var result = new string[6];
        string[] lowers = ["", " AND key >= @lower", " AND key > @lower"];
        string[] uppers = ["", " AND key < @upper"];
        for (var l = 0; l < 3; l++)
        {
            for (var u = 0; u < 2; u++)
            {
                result[(l * 2) + u] = $"SELECT {VersionListingColumns}, {marker} FROM {table} WHERE bucket = @bucket{lowers[l]}{uppers[u]} {order} LIMIT @limit";
            }
        }

        return result;
    }

    private sealed record Entry(ObjectRecord Record, ObjectRow Row, long Seq);

    /// <summary>Reads one row selected with <see cref="EntryColumns"/>; null when there is none.</summary>
    private static Entry? ReadEntry(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var row = ObjectRow.Read(reader);
        var versionId = reader.IsDBNull(22) ? null : reader.GetString(22);
        var marker = reader.GetInt64(23) != 0;
        row.VersionId = versionId;
        var record = row.ToDomain() with { IsDeleteMarker = marker };
        return new Entry(record, row, reader.GetInt64(24));
    }

    private static Entry? QueryEntry(SqliteConnection c, SqliteTransaction tx, string sql, string bucket, string key, string? versionId = null, bool withVersion = false)
    {
        using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.Set("@bucket", bucket).Set("@key", key);
        if (withVersion)
        {
            command.Set("@version_id", versionId);
        }

        return ReadEntry(command);
    }

    /// <summary>As the other overload, with the writer's prepared command for <paramref name="sql"/> (a constant).</summary>
    private static Entry? QueryEntry(PreparedCommands commands, SqliteTransaction tx, string sql, string bucket, string key, string? versionId = null, bool withVersion = false)
    {
        var command = commands.Command(sql, tx).Set("@bucket", bucket).Set("@key", key);
        if (withVersion)
        {
            command.Set("@version_id", versionId);
        }

        return ReadEntry(command);
    }

    private static long NextSeq(PreparedCommands commands, SqliteTransaction tx, string bucket, string key, Entry? current)
    {
        var max = commands.Command(MaxVersionSeq, tx).Set("@bucket", bucket).Set("@key", key).ExecuteScalar() is long m ? m : -1;
        return Math.Max(max, current?.Seq ?? -1) + 1;
    }

    /// <summary>Copies the current row into object_versions (it stays, noncurrent); the caller replaces or deletes the current row.</summary>
    private static void Archive(PreparedCommands commands, SqliteTransaction tx, string bucket, string key) =>
        commands.Command(ArchiveCurrent, tx).Set("@bucket", bucket).Set("@key", key).ExecuteNonQuery();

    private static void DeleteCurrent(PreparedCommands commands, SqliteTransaction tx, string bucket, string key) =>
        commands.Command(DeleteCurrentRow, tx).Set("@bucket", bucket).Set("@key", key).ExecuteNonQuery();

    /// <summary>Removes the key's noncurrent null version or null marker (Suspended overwrite rule); returns it when it held bytes.</summary>
    private static ObjectRow? RemoveNoncurrentNull(PreparedCommands commands, SqliteTransaction tx, string bucket, string key)
    {
        var old = QueryEntry(commands, tx, SelectVersionById, bucket, key, null, withVersion: true);
        if (old is null)
        {
            return null;
        }

        commands.Command(DeleteVersionBySeq, tx).Set("@bucket", bucket).Set("@key", key).Set("@seq", old.Seq).ExecuteNonQuery();
        return old.Record.IsDeleteMarker ? null : old.Row;
    }

    /// <summary>When the key has no current row, makes its newest noncurrent version current (a newest marker stays where it is).</summary>
    private static void PromoteNewest(SqliteConnection c, SqliteTransaction tx, string bucket, string key)
    {
        var newest = QueryEntry(c, tx, SelectNewestVersion, bucket, key);
        if (newest is null || newest.Record.IsDeleteMarker)
        {
            return;
        }

        c.Execute(PromoteVersion, new { bucket, key, seq = newest.Seq }, tx);
        c.Execute(DeleteVersionBySeq, new { bucket, key, seq = newest.Seq }, tx);
    }

    /// <summary>
    /// A PUT on a bucket with a versioning status (Enabled: new version; Suspended: the null version). All statements are
    /// the writer's prepared commands, and the new row replaces the current one in place (one upsert, not delete + insert).
    /// </summary>
    private static ObjectWrite VersionedPut(SqliteConnection c, PreparedCommands commands, SqliteTransaction tx, ObjectRecord record, object[] values, WriteCondition condition, string status)
    {
        var current = QueryEntry(commands, tx, SelectCurrentEntry, record.Bucket, record.Key);
        condition.Check(record.Key, current?.Row.ETag);
        var seq = NextSeq(commands, tx, record.Bucket, record.Key, current);
        ObjectRow? released = null;
        string? versionId = null;
        if (status == VersionIds.Enabled)
        {
            versionId = VersionIds.New();
            if (current is not null)
            {
                Archive(commands, tx, record.Bucket, record.Key);
            }
        }
        else if (current is not null && current.Row.VersionId is null)
        {
            released = current.Row; // the null version is replaced in place
        }
        else
        {
            if (current is not null)
            {
                Archive(commands, tx, record.Bucket, record.Key);
            }

            released = RemoveNoncurrentNull(commands, tx, record.Bucket, record.Key);
        }

        try
        {
            ObjectRow.Bind(commands.Command(UpsertVersioned, tx), values).Set("@version_id", versionId).Set("@seq", seq).ExecuteNonQuery();
        }
        catch (SqliteException ex) when (IsForeignKeyViolation(ex))
        {
            throw S3Exception.NoSuchBucket(record.Bucket);
        }

        return new ObjectWrite(released?.ToDomain(), VersionIds.ToWire(versionId));
    }

    private static VersionDelete DeleteCurrentInTransaction(
        SqliteConnection c, PreparedCommands commands, SqliteTransaction tx, ConcurrentDictionary<string, string> map, string bucket, string key, string acl, string at)
    {
        if (!map.TryGetValue(bucket, out var status))
        {
            var row = c.QuerySingleOrDefault<ObjectRow>(DeleteObjectReturning, new { bucket, key }, tx);
            return new VersionDelete(row?.ToDomain(), null, false);
        }

        var current = QueryEntry(commands, tx, SelectCurrentEntry, bucket, key);
        var seq = NextSeq(commands, tx, bucket, key, current);
        ObjectRow? released = null;
        string? versionId = null;
        if (status == VersionIds.Enabled)
        {
            versionId = VersionIds.New();
            if (current is not null)
            {
                Archive(commands, tx, bucket, key);
                DeleteCurrent(commands, tx, bucket, key);
            }
        }
        else if (current is not null && current.Row.VersionId is null)
        {
            DeleteCurrent(commands, tx, bucket, key);
            released = current.Row;
        }
        else
        {
            if (current is not null)
            {
                Archive(commands, tx, bucket, key);
                DeleteCurrent(commands, tx, bucket, key);
            }

            released = RemoveNoncurrentNull(commands, tx, bucket, key);
        }

        commands.Command(InsertMarker, tx).Set("@bucket", bucket).Set("@key", key).Set("@seq", seq).Set("@version_id", versionId)
            .Set("@acl", acl).Set("@last_modified", at).ExecuteNonQuery();
        return new VersionDelete(released?.ToDomain(), VersionIds.ToWire(versionId), true);
    }

    private static VersionDelete DeleteVersionInTransaction(SqliteConnection c, SqliteTransaction tx, string bucket, string key, string versionId, ObjectLockGuard? guard)
    {
        var stored = VersionIds.ToStored(versionId);
        var current = QueryEntry(c, tx, SelectCurrentByVersion, bucket, key, stored, withVersion: true);
        if (Locked(current ?? QueryEntry(c, tx, SelectVersionById, bucket, key, stored, withVersion: true), guard) is { } verdict)
        {
            return new VersionDelete(null, versionId, false, Locked: verdict);
        }

        if (current is not null)
        {
            c.Execute("DELETE FROM objects WHERE bucket = @bucket AND key = @key", new { bucket, key }, tx);
            PromoteNewest(c, tx, bucket, key);
            return new VersionDelete(current.Row.ToDomain(), versionId, false);
        }

        var old = QueryEntry(c, tx, SelectVersionById, bucket, key, stored, withVersion: true);
        if (old is null)
        {
            return new VersionDelete(null, versionId, false, Found: false);
        }

        c.Execute(DeleteVersionBySeq, new { bucket, key, seq = old.Seq }, tx);
        if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM objects WHERE bucket = @bucket AND key = @key", new { bucket, key }, tx) == 0)
        {
            PromoteNewest(c, tx, bucket, key);
        }

        return new VersionDelete(old.Record.IsDeleteMarker ? null : old.Row.ToDomain(), versionId, old.Record.IsDeleteMarker);
    }

    /// <summary>Why object lock keeps <paramref name="entry"/> from a guarded delete; null when it may go (or there is no guard or entry).</summary>
    private static ObjectLockVerdict? Locked(Entry? entry, ObjectLockGuard? guard)
    {
        if (entry is null || guard is null)
        {
            return null;
        }

        var verdict = ObjectLockRules.MayDeleteVersion(entry.Record, guard.Now, guard.BypassGovernance);
        return verdict == ObjectLockVerdict.Allowed ? null : verdict;
    }
}
