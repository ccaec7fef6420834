using System.Collections.Concurrent;
using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Tagging;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BleepStore.Infrastructure.Metadata.Sqlite;

public sealed partial class SqliteMetadataStore
{
    private const string SelectObject = $"SELECT {ObjectRow.Columns} FROM objects WHERE bucket = @bucket AND key = @key";

    private const string SelectObjectWithData = $"SELECT {ObjectRow.ColumnsWithData} FROM objects WHERE bucket = @bucket AND key = @key";

    private const string UpsertObject =
        $"INSERT INTO objects ({ObjectRow.InsertColumns}) VALUES ({ObjectRow.InsertValues}) " +
        $"ON CONFLICT(bucket, key) DO UPDATE SET {ObjectRow.UpdateFromExcluded}";

    private const string DeleteObjectReturning = $"DELETE FROM objects WHERE bucket = @bucket AND key = @key RETURNING {ObjectRow.Columns}";

    // Index: lower bound (0 none, 1 >=, 2 >) * 2 + upper bound (0 none, 1 <). Fixed texts keep Dapper's plan cache small.
    private static readonly string[] ListObjectsSql = BuildListObjectsSql();

    public Task<ObjectRecord?> GetObjectAsync(string bucket, string key, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (_objects.TryGet(bucket, key, out var cached))
        {
            return Task.FromResult<ObjectRecord?>(cached);
        }

        var generation = _objects.Generation(bucket, key);
        ObjectRecord? record;
        using (var lease = _db.RentReader())
        {
            using var reader = lease.Command(SelectObjectWithData).Set("@bucket", bucket).Set("@key", key).ExecuteReader();
            record = reader.Read() ? ObjectRow.Read(reader).ToDomain() : null;
        }

        if (record is not null)
        {
            _objects.Fill(record, generation);
        }

        return Task.FromResult(record);
    }

    public async Task<ObjectWrite> PutObjectAsync(ObjectRecord record, WriteCondition condition, CancellationToken ct)
    {
        // Values (JSON columns) are built on the caller's thread, so the writer thread only binds and steps.
        return await WriteObjectAsync(record.Bucket, record.Key, _db.WriteAsync(
            (record, values: ObjectRow.Values(record), condition, commands: _db.WriterCommands, map: _versioning),
            static (c, tx, s) => UpsertObjectInTransaction(c, s.commands, tx, s.record, s.values, s.condition, s.map),
            ct)).ConfigureAwait(false);
    }

    public async Task<ObjectRecord?> DeleteObjectAsync(string bucket, string key, CancellationToken ct)
    {
        var row = await WriteObjectAsync(bucket, key, _db.WriteAsync((bucket, key, map: _versioning), static (c, tx, s) =>
        {
            var row = c.QuerySingleOrDefault<ObjectRow>(DeleteObjectReturning, new { s.bucket, s.key }, tx);
            if (row is not null && s.map.ContainsKey(s.bucket))
            {
                PromoteNewest(c, tx, s.bucket, s.key);
            }

            return row;
        }, ct)).ConfigureAwait(false);
        return row?.ToDomain();
    }

    public async Task<IReadOnlyList<ObjectRecord>> DeleteObjectsAsync(string bucket, IReadOnlyList<string> keys, CancellationToken ct)
    {
        var write = _db.WriteAsync((bucket, keys, map: _versioning, at: Timestamps.ToText(DateTimeOffset.UtcNow), commands: _db.WriterCommands), static (c, tx, s) =>
        {
            var deleted = new List<ObjectRecord>();
            string? acl = null;
            if (s.map.ContainsKey(s.bucket))
            {
                // Markers made here (a bucket versioned while the request ran) belong to the bucket owner.
                acl = c.ExecuteScalar<string?>("SELECT acl FROM buckets WHERE name = @bucket", new { s.bucket }, tx) ?? "{}";
            }

            foreach (var key in s.keys)
            {
                var removed = acl is null
                    ? c.QuerySingleOrDefault<ObjectRow>(DeleteObjectReturning, new { s.bucket, key }, tx)?.ToDomain()
                    : DeleteCurrentInTransaction(c, s.commands, tx, s.map, s.bucket, key, acl, s.at).Released;
                if (removed is not null)
                {
                    deleted.Add(removed);
                }
            }

            return deleted;
        }, ct);
        List<ObjectRecord> rows;
        try
        {
            rows = await write.ConfigureAwait(false);
        }
        finally
        {
            foreach (var key in keys)
            {
                _objects.Invalidate(bucket, key);
            }
        }

        return rows;
    }

    public Task<bool> SetObjectAclAsync(string bucket, string key, AccessControlList acl, CancellationToken ct) =>
        WriteObjectAsync(bucket, key, _db.WriteAsync(new { json = MetadataJson.WriteAcl(acl), bucket, key }, static (c, tx, p) =>
            c.Execute("UPDATE objects SET acl = @json WHERE bucket = @bucket AND key = @key", p, tx) > 0, ct));

    public Task<string?> SetObjectTagsAsync(string bucket, string key, IReadOnlyList<Tag> tags, CancellationToken ct) =>
        WriteObjectAsync(bucket, key, _db.WriteAsync(new { json = MetadataJson.WriteTags(tags), bucket, key }, static (c, tx, p) =>
        {
            using var reader = c.ExecuteReader("UPDATE objects SET tags = @json WHERE bucket = @bucket AND key = @key RETURNING version_id", p, tx);
            return reader.Read() ? VersionIds.ToWire(reader.IsDBNull(0) ? null : reader.GetString(0)) : null;
        }, ct));

    public Task<IReadOnlyList<ObjectRecord>> ListObjectsAsync(string bucket, string prefix, string? from, bool inclusive, int limit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (limit <= 0)
        {
            return Task.FromResult<IReadOnlyList<ObjectRecord>>([]);
        }

        // One lower bound (the larger of prefix and marker) and one upper bound, so the (bucket, key)
        // index is seeked once and scanned in order.
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

        var upper = prefix.Length > 0 ? Utf8Order.PrefixSuccessor(prefix) : null;
        var sql = ListObjectsSql[(lowerKind * 2) + (upper is null ? 0 : 1)];
        using var lease = _db.RentReader();
        var command = lease.Command(sql).Set("@bucket", bucket).Set("@limit", limit);
        if (lower is not null)
        {
            command.Set("@lower", lower);
        }

        if (upper is not null)
        {
            command.Set("@upper", upper);
        }

        var result = new List<ObjectRecord>(Math.Min(limit, 1024));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(ObjectRow.ReadListing(reader, bucket));
        }

        return Task.FromResult<IReadOnlyList<ObjectRecord>>(result);
    }

    internal static string ListObjectsSqlFor(bool lower, bool upper) => ListObjectsSql[(lower ? 2 : 0) + (upper ? 1 : 0)];

    /// <summary>Awaits a write to one object's row and drops its cached row before the caller hears of it, whatever the outcome.</summary>
    private async Task<T> WriteObjectAsync<T>(string bucket, string key, Task<T> write)
    {
        try
        {
            return await write.ConfigureAwait(false);
        }
        finally
        {
            _objects.Invalidate(bucket, key);
        }
    }

    /// <summary>
    /// Checks <paramref name="condition"/> against the current row and upserts; returns the replaced row. A bucket with a
    /// versioning status (<paramref name="versioning"/>, decision 0014) takes the versioned path; any other bucket this one.
    /// </summary>
    private static ObjectWrite UpsertObjectInTransaction(
        SqliteConnection c, PreparedCommands commands, SqliteTransaction tx, ObjectRecord record, object[] values, WriteCondition condition, ConcurrentDictionary<string, string> versioning)
    {
        if (versioning.TryGetValue(record.Bucket, out var status))
        {
            return VersionedPut(c, commands, tx, record, values, condition, status);
        }

        ObjectRow? previous;
        using (var reader = commands.Command(SelectObject, tx).Set("@bucket", record.Bucket).Set("@key", record.Key).ExecuteReader())
        {
            previous = reader.Read() ? ObjectRow.Read(reader) : null;
        }

        condition.Check(record.Key, previous?.ETag);
        try
        {
            ObjectRow.Bind(commands.Command(UpsertObject, tx), values).ExecuteNonQuery();
        }
        catch (SqliteException ex) when (IsForeignKeyViolation(ex))
        {
            throw S3Exception.NoSuchBucket(record.Bucket);
        }

        return previous is null ? ObjectWrite.Nothing : new ObjectWrite(previous.ToDomain(), null);
    }

    private static string[] BuildListObjectsSql()
    {
        var result = new string[6];
        string[] lowers = ["", " AND key >= @lower", " AND key > @lower"];
        string[] uppers = ["", " AND key < @upper"];
        for (var l = 0; l < 3; l++)
        {
            for (var u = 0; u < 2; u++)
            {
                result[(l * 2) + u] = $"SELECT {ObjectRow.ListingColumns} FROM objects WHERE bucket = @bucket{lowers[l]}{uppers[u]} ORDER BY key LIMIT @limit";
            }
        }

        return result;
    }
}
