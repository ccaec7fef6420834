using BleepStore.Domain.Access;
using BleepStore.Domain.Cors;
using BleepStore.Domain.Lifecycle;
using BleepStore.Domain.Tagging;

namespace BleepStore.Domain.Buckets;

public sealed record Bucket(string Name, string Region, Owner Owner, AccessControlList Acl, DateTimeOffset CreatedAt)
{
    /// <summary>The bucket's tag set; null when it has none (GetBucketTagging: NoSuchTagSet).</summary>
    public IReadOnlyList<Tag>? Tags { get; init; }

    /// <summary>The bucket's CORS rules in the order sent; null when it has none (GetBucketCors: NoSuchCORSConfiguration).</summary>
    public IReadOnlyList<CorsRule>? Cors { get; init; }

    /// <summary>The bucket's <see cref="Buckets.ObjectOwnership"/> setting; null when it has no ownership controls (GetBucketOwnershipControls: OwnershipControlsNotFoundError).</summary>
    public string? ObjectOwnership { get; init; }

    /// <summary>Whether ACLs are disabled (<c>BucketOwnerEnforced</c>): the bucket owner owns every object and ACLs grant nothing.</summary>
    public bool AclsDisabled => ObjectOwnership == Buckets.ObjectOwnership.BucketOwnerEnforced;

    /// <summary>The ACL access is judged by: the stored one, or with ACLs disabled the bucket owner's full control only.</summary>
    public AccessControlList EffectiveAcl(AccessControlList stored) => AclsDisabled ? AccessControlList.Private(Owner) : stored;

    /// <summary>Versioning status: null when never enabled, else <c>Enabled</c> or <c>Suspended</c>.</summary>
    public string? Versioning { get; init; }

    /// <summary>Object lock configuration; null when object lock is not enabled (GetObjectLockConfiguration: ObjectLockConfigurationNotFoundError).</summary>
    public ObjectLockConfiguration? ObjectLock { get; init; }

    /// <summary>The bucket's lifecycle rules in the order sent; null when it has none (NoSuchLifecycleConfiguration).</summary>
    public IReadOnlyList<LifecycleRule>? Lifecycle { get; init; }
}
