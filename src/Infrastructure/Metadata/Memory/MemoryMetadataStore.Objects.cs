using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Tagging;

namespace BleepStore.Infrastructure.Metadata.Memory;

public sealed partial class MemoryMetadataStore
{
    public Task<ObjectRecord?> GetObjectAsync(string bucket, string key, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<ObjectRecord?>(ct);
        }

        lock (_gate)
        {
            return Task.FromResult(_buckets.TryGetValue(bucket, out var b) ? b.Objects.Get(key) : null);
        }
    }

    public Task<ObjectWrite> PutObjectAsync(ObjectRecord record, WriteCondition condition, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<ObjectWrite>(ct);
        }

        var row = MemoryRows.Stored(record);
        try
        {
            lock (_gate)
            {
                var bucket = _buckets.GetValueOrDefault(row.Bucket) ?? throw S3Exception.NoSuchBucket(row.Bucket);
                return Task.FromResult(Upsert(bucket, row, condition));
            }
        }
        catch (S3Exception ex)
        {
            return Task.FromException<ObjectWrite>(ex);
        }
    }

    public Task<ObjectRecord?> DeleteObjectAsync(string bucket, string key, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<ObjectRecord?>(ct);
        }

        lock (_gate)
        {
            if (!_buckets.TryGetValue(bucket, out var b) || Remove(b, key) is not { } removed)
            {
                return Task.FromResult<ObjectRecord?>(null);
            }

            PromoteNewest(b, key);
            return Task.FromResult<ObjectRecord?>(removed);
        }
    }

    public Task<IReadOnlyList<ObjectRecord>> DeleteObjectsAsync(string bucket, IReadOnlyList<string> keys, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<IReadOnlyList<ObjectRecord>>(ct);
        }

        var deleted = new List<ObjectRecord>();
        lock (_gate)
        {
            if (_buckets.TryGetValue(bucket, out var b))
            {
                foreach (var key in keys)
                {
                    var row = b.Row.Versioning is null ? Remove(b, key) : DeleteCurrent(b, key, b.Row.Owner, DateTimeOffset.UtcNow).Released;
                    if (row is not null)
                    {
                        deleted.Add(row);
                    }
                }
            }
        }

        return Task.FromResult<IReadOnlyList<ObjectRecord>>(deleted);
    }

    public Task<bool> SetObjectAclAsync(string bucket, string key, AccessControlList acl, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<bool>(ct);
        }

        var stored = MemoryRows.Stored(acl);
        lock (_gate)
        {
            if (!_buckets.TryGetValue(bucket, out var b) || b.Objects.Get(key) is not { } row)
            {
                return Task.FromResult(false);
            }

            b.Objects.Set(row with { Acl = stored });
            return Task.FromResult(true);
        }
    }

    public Task<string?> SetObjectTagsAsync(string bucket, string key, IReadOnlyList<Tag> tags, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<string?>(ct);
        }

        var stored = MemoryRows.Stored(tags);
        lock (_gate)
        {
            if (!_buckets.TryGetValue(bucket, out var b) || b.Objects.Get(key) is not { } row)
            {
                return Task.FromResult<string?>(null);
            }

            b.Objects.Set(row with { Tags = stored });
            return Task.FromResult<string?>(VersionIds.ToWire(row.VersionId));
        }
    }

    public Task<IReadOnlyList<ObjectRecord>> ListObjectsAsync(string bucket, string prefix, string? from, bool inclusive, int limit, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<IReadOnlyList<ObjectRecord>>(ct);
        }

        var result = new List<ObjectRecord>(Math.Clamp(limit, 0, 1024));
        if (limit <= 0)
        {
            return Task.FromResult<IReadOnlyList<ObjectRecord>>(result);
        }

        // One lower bound, the larger of prefix and marker; from there keys under the prefix are contiguous.
        string? lower = prefix.Length > 0 ? prefix : null;
        var lowerInclusive = true;
        if (from is not null && (lower is null || Utf8Order.Instance.Compare(from, lower) >= 0))
        {
            lower = from;
            lowerInclusive = inclusive;
        }

        lock (_gate)
        {
            if (!_buckets.TryGetValue(bucket, out var b))
            {
                return Task.FromResult<IReadOnlyList<ObjectRecord>>(result);
            }

            b.Objects.ForEachFrom(lower, lowerInclusive, row =>
            {
                if (!row.Key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return false;
                }

                result.Add(MemoryRows.ListingEntry(row));
                return result.Count < limit;
            });
        }

        return Task.FromResult<IReadOnlyList<ObjectRecord>>(result);
    }

    /// <summary>Checks <paramref name="condition"/> against the current row and upserts under the bucket's versioning state; returns the replaced row. Under the lock.</summary>
    private static ObjectWrite Upsert(MemoryBucket bucket, ObjectRecord row, WriteCondition condition)
    {
        var current = bucket.Objects.Get(row.Key);
        condition.Check(row.Key, current?.ETag);
        if (bucket.Row.Versioning is { } status)
        {
            return VersionedPut(bucket, row with { VersionId = null, IsDeleteMarker = false }, current, status);
        }

        bucket.Objects.Set(row);
        bucket.Bytes += row.Size - (current?.Size ?? 0);
        return current is null ? ObjectWrite.Nothing : new ObjectWrite(MemoryRows.Removed(current), null);
    }

    private static ObjectRecord? Remove(MemoryBucket bucket, string key)
    {
        if (bucket.Objects.Remove(key) is not { } row)
        {
            return null;
        }

        bucket.Bytes -= row.Size;
        return MemoryRows.Removed(row);
    }
}
