using BleepStore.Application.Abstractions;
using BleepStore.Application.Access;
using BleepStore.Application.Buckets;
using BleepStore.Application.Objects;
using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Tagging;

/// <summary>
/// Who may read and change tags, in ACL terms (S3 grants s3:*Tagging by policy, and by default to the
/// bucket owner): an object's tags are read with READ on the object and changed by the bucket owner or
/// whoever holds WRITE_ACP on the object (its owner included); a bucket's tags belong to its owner.
/// </summary>
internal static class TaggingAccess
{
    /// <summary>The object (current, or the version named) the caller may read (or change the tags of), and its bucket.</summary>
    public static async Task<(ObjectRecord Object, Bucket Bucket)> RequireObjectAsync(
        IMetadataStore store, string bucketName, string key, Owner? caller, bool write, CancellationToken ct, string? versionId = null)
    {
        var bucket = await store.RequireAsync(bucketName, ct).ConfigureAwait(false);
        var obj = versionId is not null
            ? await store.LoadVersionAsync(bucket, key, versionId, caller, write ? "PUT" : "GET", ct).ConfigureAwait(false)
            : await store.GetObjectAsync(bucketName, key, ct).ConfigureAwait(false);
        if (obj is null)
        {
            AccessPolicy.Demand(bucket.Acl, caller, Permission.Read);
            throw S3Exception.NoSuchKey(key);
        }

        if (!(write && IsOwner(bucket, caller)))
        {
            AccessPolicy.Demand(bucket.EffectiveAcl(obj.Acl), caller, write ? Permission.WriteAcp : Permission.Read);
        }

        return (obj, bucket);
    }

    public static async Task<Bucket> RequireBucketOwnerAsync(IMetadataStore store, string bucketName, Owner? caller, CancellationToken ct)
    {
        var bucket = await store.RequireAsync(bucketName, ct).ConfigureAwait(false);
        if (!IsOwner(bucket, caller))
        {
            throw new S3Exception(S3Errors.AccessDenied);
        }

        return bucket;
    }

    private static bool IsOwner(Bucket bucket, Owner? caller) => caller is not null && caller.Id == bucket.Owner.Id;
}
