using BleepStore.Application.Abstractions;
using BleepStore.Application.Objects;
using BleepStore.Application.Tagging;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.ObjectLock;

/// <summary>
/// The object retention and legal hold calls: the bucket must have object lock (S3: 400 InvalidRequest "Bucket is
/// missing Object Lock Configuration"), then the version is found and access judged as for object tags.
/// </summary>
internal static class ObjectLockAccess
{
    public static async Task<ObjectRecord> RequireVersionAsync(IMetadataStore store, string bucketName, string key, string? versionId, Domain.Access.Owner? caller, bool write, CancellationToken ct)
    {
        var bucket = await Buckets.BucketLookup.RequireAsync(store, bucketName, ct).ConfigureAwait(false);
        if (bucket.ObjectLock is null)
        {
            throw new S3Exception(S3Errors.InvalidRequest, "Bucket is missing Object Lock Configuration");
        }

        return (await TaggingAccess.RequireObjectAsync(store, bucketName, key, caller, write, ct, versionId).ConfigureAwait(false)).Object;
    }

    /// <summary>Turns a store outcome into S3's answer: AccessDenied for a refused change, NoSuchKey/NoSuchVersion, 405 for a marker.</summary>
    public static void Check((ObjectLockChangeOutcome Outcome, ObjectLockVerdict Verdict) result, string key, string? versionId, string method)
    {
        switch (result.Outcome)
        {
            case ObjectLockChangeOutcome.Denied:
                throw new S3Exception(S3Errors.AccessDenied, ObjectLockRules.DeniedMessage);
            case ObjectLockChangeOutcome.NotFound:
                throw versionId is null ? S3Exception.NoSuchKey(key) : ObjectAccess.NoSuchVersion(key, versionId);
            case ObjectLockChangeOutcome.DeleteMarker:
                throw new S3Exception(S3Errors.MethodNotAllowed, details: [new("Method", method), new("ResourceType", "DeleteMarker")]);
        }
    }
}
