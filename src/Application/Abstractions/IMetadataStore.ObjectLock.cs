using BleepStore.Domain.Buckets;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Abstractions;

/// <summary>What SetBucketObjectLockAsync did.</summary>
public enum BucketObjectLockOutcome
{
    Done,
    NoSuchBucket,

    /// <summary>Versioning was not <c>Enabled</c> when it would have committed (S3: 409 InvalidBucketState).</summary>
    VersioningNotEnabled,
}

/// <summary>The caller's clock and bypass flag, for <see cref="ObjectLockRules"/> inside the store's transaction.</summary>
public sealed record ObjectLockGuard(DateTimeOffset Now, bool BypassGovernance);

/// <summary>
/// A change of one version's lock: its retention (when <paramref name="SetsRetention"/>; null removes it) and/or its
/// legal hold (when not null). Retention changes are judged by <see cref="ObjectLockRules.MayChangeRetention"/>.
/// </summary>
public sealed record ObjectLockChange(bool SetsRetention, ObjectRetention? Retention, bool? LegalHold, ObjectLockGuard Guard);

/// <summary>What SetObjectLockAsync did.</summary>
public enum ObjectLockChangeOutcome
{
    Done,

    /// <summary>No such version (or, without a version id, no current object).</summary>
    NotFound,

    /// <summary>The version named is a delete marker.</summary>
    DeleteMarker,

    /// <summary>The object lock rule refused the retention change; see the verdict.</summary>
    Denied,
}

/// <summary>Object lock (docs/object-lock.md): the bucket configuration and each version's retention and legal hold.</summary>
public partial interface IMetadataStore
{
    /// <summary>
    /// Sets the bucket's object lock configuration, enabling object lock for good; only while its versioning is
    /// <c>Enabled</c>, judged when it commits.
    /// </summary>
    Task<BucketObjectLockOutcome> SetBucketObjectLockAsync(string name, ObjectLockConfiguration configuration, CancellationToken ct);

    /// <summary>
    /// Changes one version's retention and/or legal hold (<paramref name="versionId"/> in wire form, or null for the
    /// current version) after asking <see cref="ObjectLockRules"/> inside the same transaction.
    /// </summary>
    Task<(ObjectLockChangeOutcome Outcome, ObjectLockVerdict Verdict)> SetObjectLockAsync(
        string bucket, string key, string? versionId, ObjectLockChange change, CancellationToken ct);

    /// <summary>
    /// As <see cref="DeleteVersionAsync(string, string, string, CancellationToken)"/>, but first asks
    /// <see cref="ObjectLockRules.MayDeleteVersion(ObjectRecord, DateTimeOffset, bool)"/> in the same transaction: a
    /// locked version is kept and the result carries the verdict (<see cref="VersionDelete.Locked"/>).
    /// </summary>
    Task<VersionDelete> DeleteVersionAsync(string bucket, string key, string versionId, ObjectLockGuard guard, CancellationToken ct);
}
