using BleepStore.Application.Abstractions;
using BleepStore.Application.Objects;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Lifecycle;

/// <summary>
/// The one place the lifecycle worker removes anything. Each call is one committed metadata change made only if the
/// entry is still what the worker saw (the store decides in the writing transaction), then the bytes no row names
/// any more are released. A version is never removed while object lock keeps it (<see cref="ObjectLockRules"/>,
/// asked by the store in the same transaction, never with bypass).
/// </summary>
internal sealed class LifecycleDeletions(IMetadataStore store, IObjectStorage storage, BlobReaper reaper)
{
    public async Task<bool> ExpireCurrentAsync(Bucket bucket, ObjectRecord current, DateTimeOffset now, CancellationToken ct)
    {
        // On a versioned bucket this only adds a delete marker: the version itself stays, locked or not (as S3).
        var done = await store.ExpireCurrentAsync(bucket.Name, current.Key, current.VersionId, current.LastModified, bucket.Owner, now, ct).ConfigureAwait(false);
        await ReleaseAsync(done).ConfigureAwait(false);
        return done is not null;
    }

    public async Task<ObjectLockVerdict?> ExpireNoncurrentAsync(Bucket bucket, ObjectRecord version, DateTimeOffset now, CancellationToken ct)
    {
        var done = await store.ExpireNoncurrentAsync(bucket.Name, version.Key, version.VersionId, version.LastModified, new ObjectLockGuard(now, BypassGovernance: false), ct).ConfigureAwait(false);
        await ReleaseAsync(done).ConfigureAwait(false);
        return done?.Locked;
    }

    public async Task<bool> ExpireMarkerAsync(Bucket bucket, ObjectRecord marker, CancellationToken ct) =>
        await store.ExpireDeleteMarkerAsync(bucket.Name, marker.Key, marker.VersionId, ct).ConfigureAwait(false) is not null;

    public async Task<bool> AbortUploadAsync(Bucket bucket, string uploadId, CancellationToken ct)
    {
        var parts = await store.AbortUploadAsync(uploadId, ct).ConfigureAwait(false);
        if (parts is null)
        {
            return false;
        }

        foreach (var part in parts)
        {
            await reaper.DeleteAsync(storage, bucket.Name, part.BlobId).ConfigureAwait(false);
        }

        return true;
    }

    private async Task ReleaseAsync(VersionDelete? done)
    {
        // Row first, bytes second (crash-only): a crash in between leaves an orphan blob, never a row without bytes.
        if (done?.Released is { } released)
        {
            await reaper.ReleaseAsync(storage, released).ConfigureAwait(false);
        }
    }
}
