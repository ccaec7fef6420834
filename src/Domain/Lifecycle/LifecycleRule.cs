namespace BleepStore.Domain.Lifecycle;

/// <summary>
/// One <c>Rule</c> of a bucket's lifecycle configuration, as S3 stores it and GetBucketLifecycleConfiguration
/// gives it back (docs/lifecycle.md). Transitions are not built: the parser refuses them (NotImplemented).
/// </summary>
/// <param name="Id">The rule's ID (at most 255 characters); null when none was sent.</param>
/// <param name="Enabled">Status <c>Enabled</c> (true) or <c>Disabled</c>.</param>
/// <param name="Filter">Which objects the rule applies to.</param>
/// <param name="Expiration">Current-version expiration, or null.</param>
/// <param name="NoncurrentExpiration">Noncurrent-version expiration, or null.</param>
/// <param name="AbortIncompleteUploadDays">AbortIncompleteMultipartUpload DaysAfterInitiation, or null.</param>
public sealed record LifecycleRule(
    string? Id,
    bool Enabled,
    LifecycleFilter Filter,
    LifecycleExpiration? Expiration,
    NoncurrentVersionExpiration? NoncurrentExpiration,
    int? AbortIncompleteUploadDays);
