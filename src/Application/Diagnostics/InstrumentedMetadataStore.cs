using System.Diagnostics;
using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Cors;
using BleepStore.Domain.Credentials;
using BleepStore.Domain.Lifecycle;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Tagging;
using BleepStore.Domain.Uploads;
using BleepStore.Application.Abstractions;

namespace BleepStore.Application.Diagnostics;

/// <summary>
/// Wraps the metadata store: each call's latency goes to <see cref="BleepStoreMetrics.MetadataDuration"/>
/// (<c>engine</c>, <c>operation</c>: the method's name in snake case, <c>get_object</c>, <c>put_object</c>…),
/// the metadata side of <see cref="InstrumentedObjectStorage"/>. Written out rather than a proxy: a call that
/// completes synchronously (SQLite, memory) is timed and its own task handed back, with no allocation and no
/// reflection on the request path. A method added to the port fails the build here until it is timed too.
/// </summary>
public sealed class InstrumentedMetadataStore(IMetadataStore inner, BleepStoreMetrics metrics, string engine) : IMetadataStore, IDisposable, IAsyncDisposable
{
    private readonly KeyValuePair<string, object?> _engine = new("engine", engine);

    /// <summary>The store itself (for hosts that need its concrete type).</summary>
    public IMetadataStore Inner { get; } = inner;

    public static IMetadataStore Unwrap(IMetadataStore store) => store is InstrumentedMetadataStore instrumented ? instrumented.Inner : store;

    public Task<Credential?> GetCredentialAsync(string accessKeyId, CancellationToken ct) =>
        Time("get_credential", Stopwatch.GetTimestamp(), Inner.GetCredentialAsync(accessKeyId, ct));

    public Task UpsertCredentialAsync(Credential credential, CancellationToken ct) =>
        Time("upsert_credential", Stopwatch.GetTimestamp(), Inner.UpsertCredentialAsync(credential, ct));

    public Task<Owner?> GetAccountAsync(string ownerId, CancellationToken ct) =>
        Time("get_account", Stopwatch.GetTimestamp(), Inner.GetAccountAsync(ownerId, ct));

    public Task<IReadOnlyList<Credential>> ListCredentialsAsync(CancellationToken ct) =>
        Time("list_credentials", Stopwatch.GetTimestamp(), Inner.ListCredentialsAsync(ct));

    public Task<bool> TryCreateCredentialAsync(Credential credential, CancellationToken ct) =>
        Time("try_create_credential", Stopwatch.GetTimestamp(), Inner.TryCreateCredentialAsync(credential, ct));

    public Task<Credential?> SetCredentialActiveAsync(string accessKeyId, bool active, CancellationToken ct) =>
        Time("set_credential_active", Stopwatch.GetTimestamp(), Inner.SetCredentialActiveAsync(accessKeyId, active, ct));

    public Task<bool> DeleteCredentialAsync(string accessKeyId, CancellationToken ct) =>
        Time("delete_credential", Stopwatch.GetTimestamp(), Inner.DeleteCredentialAsync(accessKeyId, ct));

    public Task<Bucket?> GetBucketAsync(string name, CancellationToken ct) =>
        Time("get_bucket", Stopwatch.GetTimestamp(), Inner.GetBucketAsync(name, ct));

    public Task<IReadOnlyList<Bucket>> ListBucketsAsync(string? ownerId, CancellationToken ct) =>
        Time("list_buckets", Stopwatch.GetTimestamp(), Inner.ListBucketsAsync(ownerId, ct));

    public Task<bool> TryCreateBucketAsync(Bucket bucket, CancellationToken ct) =>
        Time("try_create_bucket", Stopwatch.GetTimestamp(), Inner.TryCreateBucketAsync(bucket, ct));

    public Task<DeleteBucketOutcome> DeleteBucketAsync(string name, List<string> orphanedBlobs, CancellationToken ct) =>
        Time("delete_bucket", Stopwatch.GetTimestamp(), Inner.DeleteBucketAsync(name, orphanedBlobs, ct));

    public Task<bool> SetBucketAclAsync(string name, AccessControlList acl, CancellationToken ct) =>
        Time("set_bucket_acl", Stopwatch.GetTimestamp(), Inner.SetBucketAclAsync(name, acl, ct));

    public Task<bool> SetBucketTagsAsync(string name, IReadOnlyList<Tag>? tags, CancellationToken ct) =>
        Time("set_bucket_tags", Stopwatch.GetTimestamp(), Inner.SetBucketTagsAsync(name, tags, ct));

    public Task<bool> SetBucketCorsAsync(string name, IReadOnlyList<CorsRule>? rules, CancellationToken ct) =>
        Time("set_bucket_cors", Stopwatch.GetTimestamp(), Inner.SetBucketCorsAsync(name, rules, ct));

    public Task<bool> SetBucketLifecycleAsync(string name, IReadOnlyList<LifecycleRule>? rules, CancellationToken ct) =>
        Time("set_bucket_lifecycle", Stopwatch.GetTimestamp(), Inner.SetBucketLifecycleAsync(name, rules, ct));

    public Task<bool> SetBucketOwnershipAsync(string name, string? objectOwnership, CancellationToken ct) =>
        Time("set_bucket_ownership", Stopwatch.GetTimestamp(), Inner.SetBucketOwnershipAsync(name, objectOwnership, ct));

    public Task<ObjectRecord?> GetObjectAsync(string bucket, string key, CancellationToken ct) =>
        Time("get_object", Stopwatch.GetTimestamp(), Inner.GetObjectAsync(bucket, key, ct));

    public Task<ObjectWrite> PutObjectAsync(ObjectRecord record, WriteCondition condition, CancellationToken ct) =>
        Time("put_object", Stopwatch.GetTimestamp(), Inner.PutObjectAsync(record, condition, ct));

    public Task<ObjectRecord?> DeleteObjectAsync(string bucket, string key, CancellationToken ct) =>
        Time("delete_object", Stopwatch.GetTimestamp(), Inner.DeleteObjectAsync(bucket, key, ct));

    public Task<IReadOnlyList<ObjectRecord>> DeleteObjectsAsync(string bucket, IReadOnlyList<string> keys, CancellationToken ct) =>
        Time("delete_objects", Stopwatch.GetTimestamp(), Inner.DeleteObjectsAsync(bucket, keys, ct));

    public Task<bool> SetObjectAclAsync(string bucket, string key, AccessControlList acl, CancellationToken ct) =>
        Time("set_object_acl", Stopwatch.GetTimestamp(), Inner.SetObjectAclAsync(bucket, key, acl, ct));

    public Task<string?> SetObjectTagsAsync(string bucket, string key, IReadOnlyList<Tag> tags, CancellationToken ct) =>
        Time("set_object_tags", Stopwatch.GetTimestamp(), Inner.SetObjectTagsAsync(bucket, key, tags, ct));

    public Task<IReadOnlyList<ObjectRecord>> ListObjectsAsync(string bucket, string prefix, string? from, bool inclusive, int limit, CancellationToken ct) =>
        Time("list_objects", Stopwatch.GetTimestamp(), Inner.ListObjectsAsync(bucket, prefix, from, inclusive, limit, ct));

    public Task CreateUploadAsync(MultipartUpload upload, CancellationToken ct) =>
        Time("create_upload", Stopwatch.GetTimestamp(), Inner.CreateUploadAsync(upload, ct));

    public Task<MultipartUpload?> GetUploadAsync(string uploadId, CancellationToken ct) =>
        Time("get_upload", Stopwatch.GetTimestamp(), Inner.GetUploadAsync(uploadId, ct));

    public Task<IReadOnlyList<MultipartUpload>> ListUploadsAsync(string bucket, string prefix, string? keyMarker, string? uploadIdMarker, int limit, CancellationToken ct) =>
        Time("list_uploads", Stopwatch.GetTimestamp(), Inner.ListUploadsAsync(bucket, prefix, keyMarker, uploadIdMarker, limit, ct));

    public Task<PartRecord?> PutPartAsync(PartRecord part, CancellationToken ct) =>
        Time("put_part", Stopwatch.GetTimestamp(), Inner.PutPartAsync(part, ct));

    public Task<IReadOnlyList<PartRecord>> ListPartsAsync(string uploadId, int afterPartNumber, int limit, CancellationToken ct) =>
        Time("list_parts", Stopwatch.GetTimestamp(), Inner.ListPartsAsync(uploadId, afterPartNumber, limit, ct));

    public Task<(ObjectRecord? Replaced, IReadOnlyList<PartRecord> Parts, string? VersionId)> CompleteUploadAsync(string uploadId, ObjectRecord final, WriteCondition condition, string? listedParts, CancellationToken ct) =>
        Time("complete_upload", Stopwatch.GetTimestamp(), Inner.CompleteUploadAsync(uploadId, final, condition, listedParts, ct));

    public Task<CompletedUpload?> GetCompletedUploadAsync(string uploadId, CancellationToken ct) =>
        Time("get_completed_upload", Stopwatch.GetTimestamp(), Inner.GetCompletedUploadAsync(uploadId, ct));

    public Task<IReadOnlyList<PartRecord>?> AbortUploadAsync(string uploadId, CancellationToken ct) =>
        Time("abort_upload", Stopwatch.GetTimestamp(), Inner.AbortUploadAsync(uploadId, ct));

    public Task<IReadOnlyList<string>> ListUploadsInitiatedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken ct) =>
        Time("list_uploads_initiated_before", Stopwatch.GetTimestamp(), Inner.ListUploadsInitiatedBeforeAsync(cutoff, limit, ct));

    public Task<MetadataCounts> CountAsync(CancellationToken ct) =>
        Time("count", Stopwatch.GetTimestamp(), Inner.CountAsync(ct));

    public Task PingAsync(CancellationToken ct) =>
        Time("ping", Stopwatch.GetTimestamp(), Inner.PingAsync(ct));

    public Task<bool> TryClaimKeyAsync(string bucket, string key, string token, DateTimeOffset now, DateTimeOffset expiredBefore, CancellationToken ct) =>
        Time("try_claim_key", Stopwatch.GetTimestamp(), Inner.TryClaimKeyAsync(bucket, key, token, now, expiredBefore, ct));

    public Task<bool> RenewKeyClaimAsync(string bucket, string key, string token, DateTimeOffset now, CancellationToken ct) =>
        Time("renew_key_claim", Stopwatch.GetTimestamp(), Inner.RenewKeyClaimAsync(bucket, key, token, now, ct));

    public Task ReleaseKeyClaimAsync(string bucket, string key, string token, CancellationToken ct) =>
        Time("release_key_claim", Stopwatch.GetTimestamp(), Inner.ReleaseKeyClaimAsync(bucket, key, token, ct));

    public Task<bool> RepointObjectAsync(string bucket, string key, string expectedBlobId, string newBlobId, string token, CancellationToken ct) =>
        Time("repoint_object", Stopwatch.GetTimestamp(), Inner.RepointObjectAsync(bucket, key, expectedBlobId, newBlobId, token, ct));

    public Task<IReadOnlyList<KeyClaim>> ListKeyClaimsAsync(int limit, CancellationToken ct) =>
        Time("list_key_claims", Stopwatch.GetTimestamp(), Inner.ListKeyClaimsAsync(limit, ct));

    public Task<VersionDelete?> ExpireCurrentAsync(string bucket, string key, string? versionId, DateTimeOffset lastModified, Owner owner, DateTimeOffset at, CancellationToken ct) =>
        Time("expire_current", Stopwatch.GetTimestamp(), Inner.ExpireCurrentAsync(bucket, key, versionId, lastModified, owner, at, ct));

    public Task<VersionDelete?> ExpireNoncurrentAsync(string bucket, string key, string? versionId, DateTimeOffset lastModified, ObjectLockGuard guard, CancellationToken ct) =>
        Time("expire_noncurrent", Stopwatch.GetTimestamp(), Inner.ExpireNoncurrentAsync(bucket, key, versionId, lastModified, guard, ct));

    public Task<VersionDelete?> ExpireDeleteMarkerAsync(string bucket, string key, string? versionId, CancellationToken ct) =>
        Time("expire_delete_marker", Stopwatch.GetTimestamp(), Inner.ExpireDeleteMarkerAsync(bucket, key, versionId, ct));

    public Task<BucketObjectLockOutcome> SetBucketObjectLockAsync(string name, ObjectLockConfiguration configuration, CancellationToken ct) =>
        Time("set_bucket_object_lock", Stopwatch.GetTimestamp(), Inner.SetBucketObjectLockAsync(name, configuration, ct));

    public Task<(ObjectLockChangeOutcome Outcome, ObjectLockVerdict Verdict)> SetObjectLockAsync(string bucket, string key, string? versionId, ObjectLockChange change, CancellationToken ct) =>
        Time("set_object_lock", Stopwatch.GetTimestamp(), Inner.SetObjectLockAsync(bucket, key, versionId, change, ct));

    public Task<VersionDelete> DeleteVersionAsync(string bucket, string key, string versionId, ObjectLockGuard guard, CancellationToken ct) =>
        Time("delete_version", Stopwatch.GetTimestamp(), Inner.DeleteVersionAsync(bucket, key, versionId, guard, ct));

    public Task<bool> SetBucketVersioningAsync(string name, string status, CancellationToken ct) =>
        Time("set_bucket_versioning", Stopwatch.GetTimestamp(), Inner.SetBucketVersioningAsync(name, status, ct));

    public Task<ObjectRecord?> GetObjectVersionAsync(string bucket, string key, string versionId, CancellationToken ct) =>
        Time("get_object_version", Stopwatch.GetTimestamp(), Inner.GetObjectVersionAsync(bucket, key, versionId, ct));

    public Task<ObjectRecord?> GetLatestVersionAsync(string bucket, string key, CancellationToken ct) =>
        Time("get_latest_version", Stopwatch.GetTimestamp(), Inner.GetLatestVersionAsync(bucket, key, ct));

    public Task<VersionDelete> DeleteCurrentAsync(string bucket, string key, Owner owner, DateTimeOffset at, CancellationToken ct) =>
        Time("delete_current", Stopwatch.GetTimestamp(), Inner.DeleteCurrentAsync(bucket, key, owner, at, ct));

    public Task<VersionDelete> DeleteVersionAsync(string bucket, string key, string versionId, CancellationToken ct) =>
        Time("delete_version", Stopwatch.GetTimestamp(), Inner.DeleteVersionAsync(bucket, key, versionId, ct));

    public Task<IReadOnlyList<ObjectVersion>> ListObjectVersionsAsync(string bucket, string prefix, string? fromKey, bool inclusive, string? afterVersionId, int limit, CancellationToken ct) =>
        Time("list_object_versions", Stopwatch.GetTimestamp(), Inner.ListObjectVersionsAsync(bucket, prefix, fromKey, inclusive, afterVersionId, limit, ct));

    public Task<bool> SetObjectVersionAclAsync(string bucket, string key, string versionId, AccessControlList acl, CancellationToken ct) =>
        Time("set_object_version_acl", Stopwatch.GetTimestamp(), Inner.SetObjectVersionAclAsync(bucket, key, versionId, acl, ct));

    public Task<bool> SetObjectVersionTagsAsync(string bucket, string key, string versionId, IReadOnlyList<Domain.Tagging.Tag> tags, CancellationToken ct) =>
        Time("set_object_version_tags", Stopwatch.GetTimestamp(), Inner.SetObjectVersionTagsAsync(bucket, key, versionId, tags, ct));

    public void Dispose()
    {
        if (Inner is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Inner is IAsyncDisposable asyncDisposable)
        {
            return asyncDisposable.DisposeAsync();
        }

        Dispose();
        return ValueTask.CompletedTask;
    }

    private Task Time(string operation, long started, Task call)
    {
        if (call.IsCompleted)
        {
            Record(operation, started);
            return call;
        }

        return AwaitAsync(operation, started, call);
    }

    private Task<T> Time<T>(string operation, long started, Task<T> call)
    {
        if (call.IsCompleted)
        {
            Record(operation, started);
            return call;
        }

        return AwaitAsync(operation, started, call);
    }

    private async Task AwaitAsync(string operation, long started, Task call)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        finally
        {
            Record(operation, started);
        }
    }

    private async Task<T> AwaitAsync<T>(string operation, long started, Task<T> call)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        finally
        {
            Record(operation, started);
        }
    }

    private void Record(string operation, long started)
    {
        var duration = metrics.MetadataDuration;
        if (duration.Enabled)
        {
            duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, _engine, new KeyValuePair<string, object?>("operation", operation));
        }
    }
}
