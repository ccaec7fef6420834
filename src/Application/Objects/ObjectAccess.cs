using BleepStore.Application.Abstractions;
using BleepStore.Application.Access;
using BleepStore.Application.Buckets;
using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
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

    /// <summary>
    /// As <see cref="RequireReadableAsync"/>, for the current version (<paramref name="versionId"/> null) or one version
    /// (decision 0014). A current delete marker answers 404 NoSuchKey with <c>x-amz-delete-marker</c>; a marker named by
    /// id answers 405 MethodNotAllowed; an unknown id 404 NoSuchVersion. Also says whether the bucket has ever had versioning.
    /// </summary>
    public static async Task<(ObjectRecord Object, Bucket Bucket)> RequireReadableVersionAsync(
        this IMetadataStore store, string bucketName, string key, string? versionId, Owner? caller, string method, CancellationToken ct)
    {
        var bucket = await store.RequireAsync(bucketName, ct).ConfigureAwait(false);
        if (versionId is null)
        {
            var current = await store.GetObjectAsync(bucketName, key, ct).ConfigureAwait(false);
            if (current is null)
            {
                AccessPolicy.Demand(bucket.Acl, caller, Permission.Read);
                if (bucket.Versioning is not null && await store.GetLatestVersionAsync(bucketName, key, ct).ConfigureAwait(false) is { IsDeleteMarker: true } marker)
                {
                    throw new S3Exception(S3Errors.NoSuchKey, details: [new("Key", key)])
                    {
                        Headers = [new("x-amz-delete-marker", "true"), new("x-amz-version-id", VersionIds.ToWire(marker.VersionId))],
                    };
                }

                throw S3Exception.NoSuchKey(key);
            }

            AccessPolicy.Demand(bucket.EffectiveAcl(current.Acl), caller, Permission.Read);
            return (current, bucket);
        }

        var obj = await store.LoadVersionAsync(bucket, key, versionId, caller, method, ct).ConfigureAwait(false);
        AccessPolicy.Demand(bucket.EffectiveAcl(obj.Acl), caller, Permission.Read);
        return (obj, bucket);
    }

    /// <summary>
    /// One version, not a delete marker, for any sub-resource: unknown → NoSuchVersion, a marker → 405 MethodNotAllowed
    /// (both after the caller shows READ on the bucket). The caller demands its own permission on the version.
    /// </summary>
    public static async Task<ObjectRecord> LoadVersionAsync(this IMetadataStore store, Bucket bucket, string key, string versionId, Owner? caller, string method, CancellationToken ct)
    {
        var obj = await store.GetObjectVersionAsync(bucket.Name, key, versionId, ct).ConfigureAwait(false);
        if (obj is null)
        {
            AccessPolicy.Demand(bucket.Acl, caller, Permission.Read);
            throw NoSuchVersion(key, versionId);
        }

        if (obj.IsDeleteMarker)
        {
            AccessPolicy.Demand(bucket.Acl, caller, Permission.Read);
            throw new S3Exception(S3Errors.MethodNotAllowed, details: [new("Method", method), new("ResourceType", "DeleteMarker")])
            {
                Headers =
                [
                    new("x-amz-delete-marker", "true"),
                    new("x-amz-version-id", versionId),
                    new("Allow", "DELETE"),
                    new("Last-Modified", obj.LastModified.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
                ],
            };
        }

        return obj;
    }

    public static S3Exception NoSuchVersion(string key, string versionId) =>
        new(S3Errors.NoSuchVersion, details: [new("Key", key), new("VersionId", versionId)]);
}
