using BleepStore.Application.Abstractions;
using BleepStore.Application.Access;
using BleepStore.Application.Buckets;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Objects;

internal static class ObjectAccess
{
    /// <summary>
    /// Loads an object for reading with S3's answers: a caller who may not list the bucket learns
    /// nothing (AccessDenied), one who may gets NoSuchKey; an existing object needs READ on its ACL.
    /// </summary>
    public static async Task<ObjectRecord> RequireReadableAsync(this IMetadataStore store, string bucketName, string key, Owner? caller, CancellationToken ct)
    {
        var bucket = await store.RequireAsync(bucketName, ct).ConfigureAwait(false);
        var obj = await store.GetObjectAsync(bucketName, key, ct).ConfigureAwait(false);
        if (obj is null)
        {
            AccessPolicy.Demand(bucket.Acl, caller, Permission.Read);
            throw S3Exception.NoSuchKey(key);
        }

        AccessPolicy.Demand(bucket.EffectiveAcl(obj.Acl), caller, Permission.Read);
        return obj;
    }
}
