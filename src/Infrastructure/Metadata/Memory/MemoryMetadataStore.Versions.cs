using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Tagging;

namespace BleepStore.Infrastructure.Metadata.Memory;

/// <summary>Versioning with the SQLite store's model (decision 0014): current rows as before, history per key beside them.</summary>
public sealed partial class MemoryMetadataStore
{
    public Task<bool> SetBucketVersioningAsync(string name, string status, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<bool>(ct);
        }

        lock (_gate)
        {
            if (!_buckets.TryGetValue(name, out var bucket))
            {
                return Task.FromResult(false);
            }

            if (bucket.Row.ObjectLock is not null && status != VersionIds.Enabled)
            {
                // An object lock bucket's versioning stays Enabled (S3: InvalidBucketState).
                return Task.FromResult(false);
            }

            bucket.Row = bucket.Row with { Versioning = status };
            return Task.FromResult(true);
        }
    }

    public Task<ObjectRecord?> GetObjectVersionAsync(string bucket, string key, string versionId, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<ObjectRecord?>(ct);
        }

        lock (_gate)
        {
            return Task.FromResult(_buckets.TryGetValue(bucket, out var b) ? Find(b, key, VersionIds.ToStored(versionId)).Row : null);
        }
    }

    public Task<ObjectRecord?> GetLatestVersionAsync(string bucket, string key, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<ObjectRecord?>(ct);
        }

        lock (_gate)
        {
            if (!_buckets.TryGetValue(bucket, out var b))
            {
                return Task.FromResult<ObjectRecord?>(null);
            }

            return Task.FromResult(b.Objects.Get(key) ?? (b.Versions.TryGetValue(key, out var list) ? list[0] : null));
        }
    }

    public Task<VersionDelete> DeleteCurrentAsync(string bucket, string key, Owner owner, DateTimeOffset at, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<VersionDelete>(ct);
        }

        lock (_gate)
        {
            if (!_buckets.TryGetValue(bucket, out var b))
            {
                return Task.FromResult(new VersionDelete(null, null, false));
            }

            if (b.Row.Versioning is null)
            {
                return Task.FromResult(new VersionDelete(Remove(b, key), null, false));
            }

            return Task.FromResult(DeleteCurrent(b, key, owner, at));
        }
    }

    public Task<VersionDelete> DeleteVersionAsync(string bucket, string key, string versionId, CancellationToken ct) =>
        DeleteVersionAsync(bucket, key, versionId, guard: null, ct);

    public Task<VersionDelete> DeleteVersionAsync(string bucket, string key, string versionId, ObjectLockGuard? guard, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<VersionDelete>(ct);
        }

        lock (_gate)
        {
            if (!_buckets.TryGetValue(bucket, out var b))
            {
                return Task.FromResult(new VersionDelete(null, versionId, false, Found: false));
            }

            var (row, list, index) = Find(b, key, VersionIds.ToStored(versionId));
            if (row is null)
            {
                return Task.FromResult(new VersionDelete(null, versionId, false, Found: false));
            }

            if (guard is not null && ObjectLockRules.MayDeleteVersion(row, guard.Now, guard.BypassGovernance) is var verdict && verdict != ObjectLockVerdict.Allowed)
            {
                return Task.FromResult(new VersionDelete(null, versionId, false, Locked: verdict));
            }

            if (list is null)
            {
                Remove(b, key);
                PromoteNewest(b, key);
                return Task.FromResult(new VersionDelete(MemoryRows.Removed(row), versionId, false));
            }

            RemoveVersionAt(b, key, list, index);
            if (b.Objects.Get(key) is null)
            {
                PromoteNewest(b, key);
            }

            return Task.FromResult(new VersionDelete(row.IsDeleteMarker ? null : MemoryRows.Removed(row), versionId, row.IsDeleteMarker));
        }
    }

    public Task<bool> SetObjectVersionAclAsync(string bucket, string key, string versionId, AccessControlList acl, CancellationToken ct) =>
        UpdateVersion(bucket, key, versionId, row => row with { Acl = MemoryRows.Stored(acl) }, ct);

    public Task<bool> SetObjectVersionTagsAsync(string bucket, string key, string versionId, IReadOnlyList<Tag> tags, CancellationToken ct) =>
        UpdateVersion(bucket, key, versionId, row => row with { Tags = MemoryRows.Stored(tags) }, ct);

    public Task<IReadOnlyList<ObjectVersion>> ListObjectVersionsAsync(
        string bucket, string prefix, string? fromKey, bool inclusive, string? afterVersionId, int limit, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<IReadOnlyList<ObjectVersion>>(ct);
        }

        var result = new List<ObjectVersion>(Math.Clamp(limit, 0, 1024));
        if (limit <= 0)
        {
            return Task.FromResult<IReadOnlyList<ObjectVersion>>(result);
        }

        lock (_gate)
        {
            if (!_buckets.TryGetValue(bucket, out var b))
            {
                return Task.FromResult<IReadOnlyList<ObjectVersion>>(result);
            }

            if (fromKey is not null && afterVersionId is not null)
            {
                inclusive = false;
                var (row, list, index) = Find(b, fromKey, VersionIds.ToStored(afterVersionId));
                if (row is not null && fromKey.StartsWith(prefix, StringComparison.Ordinal))
                {
                    var rest = list ?? (b.Versions.TryGetValue(fromKey, out var l) ? l : []);
                    for (var i = list is null ? 0 : index + 1; i < rest.Count && result.Count < limit; i++)
                    {
                        result.Add(new ObjectVersion(ListingEntry(rest[i]), false));
                    }
                }
            }

            string? lower = prefix.Length > 0 ? prefix : null;
            var lowerInclusive = true;
            if (fromKey is not null && (lower is null || Utf8Order.Instance.Compare(fromKey, lower) >= 0))
            {
                lower = fromKey;
                lowerInclusive = inclusive;
            }

            // Each key yields at least one entry, so limit keys from each side are enough.
            var want = limit - result.Count;
            var keys = new SortedSet<string>(Utf8Order.Instance);
            CollectKeys(b.Objects, lower, lowerInclusive, prefix, want, keys);
            CollectKeys(b.VersionKeys, lower, lowerInclusive, prefix, want, keys);
            foreach (var key in keys)
            {
                if (result.Count >= limit)
                {
                    break;
                }

                var latest = true;
                if (b.Objects.Get(key) is { } current)
                {
                    result.Add(new ObjectVersion(ListingEntry(current), true));
                    latest = false;
                }

                if (b.Versions.TryGetValue(key, out var list))
                {
                    foreach (var row in list)
                    {
                        if (result.Count >= limit)
                        {
                            break;
                        }

                        result.Add(new ObjectVersion(ListingEntry(row), latest));
                        latest = false;
                    }
                }
            }
        }

        return Task.FromResult<IReadOnlyList<ObjectVersion>>(result);
    }

    private static void CollectKeys(OrderedRows rows, string? lower, bool inclusive, string prefix, int limit, SortedSet<string> keys)
    {
        var taken = 0;
        rows.ForEachFrom(lower, inclusive, row =>
        {
            if (!row.Key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return false;
            }

            keys.Add(row.Key);
            return ++taken < limit;
        });
    }

    private static ObjectRecord ListingEntry(ObjectRecord row) => MemoryRows.ListingEntry(row) with
    {
        VersionId = row.VersionId,
        IsDeleteMarker = row.IsDeleteMarker,
        BlobId = row.BlobId,
    };

    private Task<bool> UpdateVersion(string bucket, string key, string versionId, Func<ObjectRecord, ObjectRecord> update, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<bool>(ct);
        }

        lock (_gate)
        {
            if (!_buckets.TryGetValue(bucket, out var b))
            {
                return Task.FromResult(false);
            }

            var (row, list, index) = Find(b, key, VersionIds.ToStored(versionId));
            if (row is null || row.IsDeleteMarker)
            {
                return Task.FromResult(false);
            }

            if (list is null)
            {
                b.Objects.Set(update(row));
            }
            else
            {
                list[index] = update(row);
            }

            return Task.FromResult(true);
        }
    }

    /// <summary>The entry with stored id <paramref name="stored"/>: the current row (list null) or the list and index of a noncurrent one.</summary>
    private static (ObjectRecord? Row, List<ObjectRecord>? List, int Index) Find(MemoryBucket b, string key, string? stored)
    {
        if (b.Objects.Get(key) is { } current && current.VersionId == stored)
        {
            return (current, null, -1);
        }

        if (b.Versions.TryGetValue(key, out var list))
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i].VersionId == stored)
                {
                    return (list[i], list, i);
                }
            }
        }

        return (null, null, -1);
    }

    private static ObjectWrite VersionedPut(MemoryBucket b, ObjectRecord row, ObjectRecord? current, string status)
    {
        ObjectRecord? released = null;
        string? versionId = null;
        if (status == VersionIds.Enabled)
        {
            versionId = VersionIds.New();
            if (current is not null)
            {
                Archive(b, current);
            }
        }
        else if (current is not null && current.VersionId is null)
        {
            Remove(b, current.Key);
            released = MemoryRows.Removed(current);
        }
        else
        {
            if (current is not null)
            {
                Archive(b, current);
            }

            released = RemoveNoncurrentNull(b, row.Key);
        }

        var stored = row with { VersionId = versionId };
        b.Objects.Set(stored);
        b.Bytes += stored.Size;
        return new ObjectWrite(released, VersionIds.ToWire(versionId));
    }

    private static VersionDelete DeleteCurrent(MemoryBucket b, string key, Owner owner, DateTimeOffset at)
    {
        var current = b.Objects.Get(key);
        ObjectRecord? released = null;
        string? versionId = null;
        if (b.Row.Versioning == VersionIds.Enabled)
        {
            versionId = VersionIds.New();
            if (current is not null)
            {
                Archive(b, current);
            }
        }
        else if (current is not null && current.VersionId is null)
        {
            released = Remove(b, key);
        }
        else
        {
            if (current is not null)
            {
                Archive(b, current);
            }

            released = RemoveNoncurrentNull(b, key);
        }

        var marker = new ObjectRecord
        {
            Bucket = b.Row.Name,
            Key = key,
            Size = 0,
            ETag = "",
            Content = ContentHeaders.Default,
            Acl = AccessControlList.Private(owner),
            LastModified = MemoryRows.Millis(at),
            BlobId = "",
            VersionId = versionId,
            IsDeleteMarker = true,
        };
        AddNewest(b, marker);
        return new VersionDelete(released, VersionIds.ToWire(versionId), true);
    }

    /// <summary>Moves the current row to the front of the key's history.</summary>
    private static void Archive(MemoryBucket b, ObjectRecord current)
    {
        Remove(b, current.Key);
        AddNewest(b, current);
    }

    private static void AddNewest(MemoryBucket b, ObjectRecord row)
    {
        if (!b.Versions.TryGetValue(row.Key, out var list))
        {
            list = [];
            b.Versions.Add(row.Key, list);
            b.VersionKeys.Set(row);
        }

        list.Insert(0, row);
    }

    private static void RemoveVersionAt(MemoryBucket b, string key, List<ObjectRecord> list, int index)
    {
        list.RemoveAt(index);
        if (list.Count == 0)
        {
            b.Versions.Remove(key);
            b.VersionKeys.Remove(key);
        }
    }

    private static ObjectRecord? RemoveNoncurrentNull(MemoryBucket b, string key)
    {
        if (!b.Versions.TryGetValue(key, out var list))
        {
            return null;
        }

        var i = list.FindIndex(r => r.VersionId is null);
        if (i < 0)
        {
            return null;
        }

        var row = list[i];
        RemoveVersionAt(b, key, list, i);
        return row.IsDeleteMarker ? null : MemoryRows.Removed(row);
    }

    private static void PromoteNewest(MemoryBucket b, string key)
    {
        if (!b.Versions.TryGetValue(key, out var list) || list[0].IsDeleteMarker)
        {
            return;
        }

        var row = list[0];
        RemoveVersionAt(b, key, list, 0);
        b.Objects.Set(row);
        b.Bytes += row.Size;
    }
}
