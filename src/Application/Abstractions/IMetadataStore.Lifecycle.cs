using BleepStore.Domain.Access;

namespace BleepStore.Application.Abstractions;

/// <summary>
/// Lifecycle expiration (docs/lifecycle.md): deletions that happen only if the entry is still the one the worker saw,
/// decided inside the writing transaction, so a write that lands between the worker's scan and its delete is never lost.
/// Version ids here are in stored form (null = the null version). Each returns null when nothing was done.
/// </summary>
public partial interface IMetadataStore
{
    /// <summary>
    /// When the key's current object is still the version <paramref name="versionId"/> written at
    /// <paramref name="lastModified"/>: DeleteObject without a version id (never versioned: removed; Enabled: a delete
    /// marker by <paramref name="owner"/> at <paramref name="at"/>; Suspended: a null marker).
    /// </summary>
    Task<VersionDelete?> ExpireCurrentAsync(string bucket, string key, string? versionId, DateTimeOffset lastModified, Owner owner, DateTimeOffset at, CancellationToken ct);

    /// <summary>
    /// Removes the noncurrent version <paramref name="versionId"/> written at <paramref name="lastModified"/> (never the
    /// current one, never a marker) unless object lock keeps it (<paramref name="guard"/>, asked in the same transaction:
    /// the result then carries the verdict and nothing is removed).
    /// </summary>
    Task<VersionDelete?> ExpireNoncurrentAsync(string bucket, string key, string? versionId, DateTimeOffset lastModified, ObjectLockGuard guard, CancellationToken ct);

    /// <summary>Removes the delete marker <paramref name="versionId"/> when it is the only entry left of its key (S3's expired object delete marker).</summary>
    Task<VersionDelete?> ExpireDeleteMarkerAsync(string bucket, string key, string? versionId, CancellationToken ct);
}
