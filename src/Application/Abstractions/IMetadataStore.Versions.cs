using BleepStore.Domain.Access;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Abstractions;

/// <summary>What an object write did: the row whose bytes the caller releases, and the version it made.</summary>
/// <param name="Replaced">The row the write removed for good (its blob to release), or null (none, or it became a noncurrent version).</param>
/// <param name="VersionId">The new version's id in wire form (<c>null</c> for the null version) when the bucket has ever had versioning; else null.</param>
public sealed record ObjectWrite(ObjectRecord? Replaced, string? VersionId)
{
    public static readonly ObjectWrite Nothing = new(null, null);
}

/// <summary>What a DeleteObject did.</summary>
/// <param name="Released">The row removed for good (its blob to release), or null.</param>
/// <param name="VersionId">The delete marker created, or the version removed, in wire form; null in a never-versioned bucket.</param>
/// <param name="DeleteMarker">A delete marker was created (no versionId) or removed (versionId named a marker).</param>
/// <param name="Found">For a delete by version id: whether that version existed.</param>
/// <param name="Locked">For a guarded delete by version id: why object lock kept the version (nothing was deleted), or Allowed.</param>
public sealed record VersionDelete(ObjectRecord? Released, string? VersionId, bool DeleteMarker, bool Found = true, ObjectLockVerdict Locked = ObjectLockVerdict.Allowed);

/// <summary>A ListObjectVersions entry: a version or a delete marker (<see cref="ObjectRecord.IsDeleteMarker"/>).</summary>
public sealed record ObjectVersion(ObjectRecord Record, bool IsLatest);

/// <summary>Versioning (decision 0014): current rows as before, noncurrent versions and delete markers beside them.</summary>
public partial interface IMetadataStore
{
    /// <summary>Sets <c>Enabled</c> or <c>Suspended</c>; false when the bucket does not exist.</summary>
    Task<bool> SetBucketVersioningAsync(string name, string status, CancellationToken ct);

    /// <summary>One version (or delete marker) by wire id (<c>null</c> = the null version), with its inline bytes; null when there is none.</summary>
    Task<ObjectRecord?> GetObjectVersionAsync(string bucket, string key, string versionId, CancellationToken ct);

    /// <summary>The newest entry of the key, a delete marker included; null when the key has no versions.</summary>
    Task<ObjectRecord?> GetLatestVersionAsync(string bucket, string key, CancellationToken ct);

    /// <summary>
    /// S3 DeleteObject without a version id, under the bucket's versioning state when it commits: never versioned
    /// deletes the row; Enabled adds a delete marker with a new id; Suspended adds a <c>null</c> marker, removing the
    /// previous null version. <paramref name="owner"/> and <paramref name="at"/> describe the marker.
    /// </summary>
    Task<VersionDelete> DeleteCurrentAsync(string bucket, string key, Owner owner, DateTimeOffset at, CancellationToken ct);

    /// <summary>
    /// Removes one version or marker for good, whatever its object lock (repairs of lost bytes); if it was current, the
    /// newest remaining entry becomes current. Requests use the guarded overload.
    /// </summary>
    Task<VersionDelete> DeleteVersionAsync(string bucket, string key, string versionId, CancellationToken ct);

    /// <summary>
    /// Versions and delete markers whose key starts with <paramref name="prefix"/>, ordered by key (UTF-8 bytes) and
    /// newest first within a key. Starts after <paramref name="fromKey"/> (or at it, with <paramref name="inclusive"/>);
    /// with <paramref name="afterVersionId"/>, first the rest of <paramref name="fromKey"/>'s versions after that one.
    /// Entries carry the listing fields, the version id, the marker flag and the blob id.
    /// </summary>
    Task<IReadOnlyList<ObjectVersion>> ListObjectVersionsAsync(
        string bucket, string prefix, string? fromKey, bool inclusive, string? afterVersionId, int limit, CancellationToken ct);

    /// <summary>Replaces one version's ACL (not a marker's); false when there is no such version.</summary>
    Task<bool> SetObjectVersionAclAsync(string bucket, string key, string versionId, AccessControlList acl, CancellationToken ct);

    /// <summary>Replaces one version's tag set (not a marker's); false when there is no such version.</summary>
    Task<bool> SetObjectVersionTagsAsync(string bucket, string key, string versionId, IReadOnlyList<Domain.Tagging.Tag> tags, CancellationToken ct);
}
