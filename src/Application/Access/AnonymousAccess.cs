using BleepStore.Application.Abstractions;
using BleepStore.Application.Buckets;
using BleepStore.Application.Listing;
using BleepStore.Application.Listing.ListObjects;
using BleepStore.Application.Listing.ListObjectsV2;
using BleepStore.Application.Listing.ListObjectVersions;
using BleepStore.Application.Objects;
using BleepStore.Application.Objects.CopyObject;
using BleepStore.Application.Objects.PutObject;
using BleepStore.Application.Uploads;
using BleepStore.Application.Uploads.CompleteMultipartUpload;
using BleepStore.Application.Uploads.ListMultipartUploads;
using BleepStore.Application.Uploads.ListParts;
using BleepStore.Application.Uploads.UploadPart;
using BleepStore.Application.Uploads.UploadPartCopy;
using BleepStore.Domain.Access;

namespace BleepStore.Application.Access;

/// <summary>
/// The access check an anonymous request meets before S3 tells it which argument is wrong: the same
/// lookups, in the same order, as the use case's handler (NoSuchBucket, then AccessDenied). Asked only
/// when a validator rejected an anonymous request, so valid requests pay nothing for it.
/// </summary>
internal static class AnonymousAccess
{
    public static Task DemandAsync(IMetadataStore store, object request, CancellationToken ct) => request switch
    {
        ListObjectsQuery q => store.RequireListableAsync(q.Bucket, null, ct),
        ListObjectsV2Query q => store.RequireListableAsync(q.Bucket, null, ct),
        ListObjectVersionsQuery q => store.RequireListableAsync(q.Bucket, null, ct),
        ListMultipartUploadsQuery q => store.RequireListableAsync(q.Bucket, null, ct),
        ListPartsQuery q => RequireUploadReadableAsync(store, q, ct),
        IObjectRead q => store.RequireReadableAsync(q.Bucket, q.Key, null, ct),
        Objects.GetObjectAttributes.GetObjectAttributesQuery q => store.RequireReadableAsync(q.Bucket, q.Key, null, ct),
        PutObjectCommand c => RequireWritableAsync(store, c.Bucket, ct),
        CopyObjectCommand c => RequireWritableAsync(store, c.Bucket, ct),
        UploadPartCommand c => RequireWritableAsync(store, c.Bucket, ct),
        UploadPartCopyCommand c => RequireWritableAsync(store, c.Bucket, ct),
        CompleteMultipartUploadCommand c => RequireWritableAsync(store, c.Bucket, ct),
        _ => Task.CompletedTask,
    };

    private static async Task RequireWritableAsync(IMetadataStore store, string bucketName, CancellationToken ct)
    {
        var bucket = await store.RequireAsync(bucketName, ct).ConfigureAwait(false);
        AccessPolicy.Demand(bucket.Acl, null, Permission.Write);
    }

    private static async Task RequireUploadReadableAsync(IMetadataStore store, ListPartsQuery q, CancellationToken ct)
    {
        var bucket = await store.RequireAsync(q.Bucket, ct).ConfigureAwait(false);
        await store.RequireUploadAsync(q.UploadId, q.Bucket, q.Key, ct).ConfigureAwait(false);
        AccessPolicy.Demand(bucket.Acl, null, Permission.Read);
    }
}
