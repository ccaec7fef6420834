using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Domain.Objects;

namespace BleepStore.Infrastructure.Metadata.Memory;

/// <summary>Lifecycle expiration as the SQLite store does it: under the store lock, only if the entry is unchanged.</summary>
public sealed partial class MemoryMetadataStore
{
    public Task<VersionDelete?> ExpireCurrentAsync(string bucket, string key, string? versionId, DateTimeOffset lastModified, Owner owner, DateTimeOffset at, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<VersionDelete?>(ct);
        }

        lock (_gate)
        {
            if (!_buckets.TryGetValue(bucket, out var b) || b.Objects.Get(key) is not { } current
                || current.VersionId != versionId || current.LastModified != lastModified)
            {
                return Task.FromResult<VersionDelete?>(null);
            }

            return Task.FromResult<VersionDelete?>(b.Row.Versioning is null ? new VersionDelete(Remove(b, key), null, false) : DeleteCurrent(b, key, owner, at));
        }
    }

    public Task<VersionDelete?> ExpireNoncurrentAsync(string bucket, string key, string? versionId, DateTimeOffset lastModified, ObjectLockGuard guard, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<VersionDelete?>(ct);
        }

        lock (_gate)
        {
            if (!_buckets.TryGetValue(bucket, out var b))
            {
                return Task.FromResult<VersionDelete?>(null);
            }

            var (row, list, index) = Find(b, key, versionId);
            if (row is null || list is null || row.IsDeleteMarker || row.LastModified != lastModified)
            {
                return Task.FromResult<VersionDelete?>(null);
            }

            var verdict = ObjectLockRules.MayDeleteVersion(row, guard.Now, guard.BypassGovernance);
            if (verdict != ObjectLockVerdict.Allowed)
            {
                return Task.FromResult<VersionDelete?>(new VersionDelete(null, VersionIds.ToWire(versionId), false, Locked: verdict));
            }

            RemoveVersionAt(b, key, list, index);
            return Task.FromResult<VersionDelete?>(new VersionDelete(MemoryRows.Removed(row), VersionIds.ToWire(versionId), false));
        }
    }

    public Task<VersionDelete?> ExpireDeleteMarkerAsync(string bucket, string key, string? versionId, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<VersionDelete?>(ct);
        }

        lock (_gate)
        {
            if (!_buckets.TryGetValue(bucket, out var b) || b.Objects.Get(key) is not null
                || !b.Versions.TryGetValue(key, out var list) || list.Count != 1 || !list[0].IsDeleteMarker || list[0].VersionId != versionId)
            {
                return Task.FromResult<VersionDelete?>(null);
            }

            RemoveVersionAt(b, key, list, 0);
            return Task.FromResult<VersionDelete?>(new VersionDelete(null, VersionIds.ToWire(versionId), true));
        }
    }
}
