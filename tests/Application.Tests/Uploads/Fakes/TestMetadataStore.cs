using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Credentials;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Tagging;
using BleepStore.Domain.Uploads;
using BleepStore.Infrastructure.Metadata.Memory;

namespace BleepStore.Application.Tests.Uploads.Fakes;

/// <summary>
/// The real in-memory metadata adapter (<see cref="MemoryMetadataStore"/>) with seams for handler tests:
/// hooks that run before a call reaches the store, and a record of what was asked. Without hooks it only
/// forwards, and the metadata contract suite runs against it (<see cref="TestMetadataStoreContractTests"/>).
/// </summary>
internal sealed class TestMetadataStore : IMetadataStore
{
    private readonly MemoryMetadataStore _inner = new();
    private readonly List<string> _uploadIds = [];

    /// <summary>Runs before PutPartAsync touches anything: lets a test abort the upload mid-request.</summary>
    public Func<PartRecord, Task>? BeforePutPart { get; set; }

    /// <summary>Runs before CompleteUploadAsync's transaction: lets a test remove the upload mid-request.</summary>
    public Func<Task>? BeforeComplete { get; set; }

    /// <summary>Every keyMarker ListUploadsAsync was called with.</summary>
    public List<string?> KeyMarkersSeen { get; } = [];

    public int CompleteCalls { get; private set; }

    /// <summary>Every ListObjectsAsync call as (prefix, from, inclusive, limit).</summary>
    public List<(string Prefix, string? From, bool Inclusive, int Limit)> ListObjectsCalls { get; } = [];

    public void AddBucket(string name, Owner owner, AccessControlList? acl = null, string region = "us-east-1")
    {
        if (!_inner.TryCreateBucketAsync(new Bucket(name, region, owner, acl ?? AccessControlList.Private(owner), DateTimeOffset.UnixEpoch), default).GetAwaiter().GetResult())
        {
            throw new InvalidOperationException($"bucket {name} exists");
        }
    }

    public void AddObject(ObjectRecord record) => _inner.PutObjectAsync(record, WriteCondition.None, default).GetAwaiter().GetResult();

    public void AddUpload(MultipartUpload upload) => CreateUploadAsync(upload, default).GetAwaiter().GetResult();

    /// <summary>The parts of every open upload.</summary>
    public IReadOnlyList<PartRecord> AllParts()
    {
        string[] ids;
        lock (_uploadIds)
        {
            ids = [.. _uploadIds];
        }

        return [.. ids.SelectMany(id => _inner.ListPartsAsync(id, 0, int.MaxValue, default).GetAwaiter().GetResult())];
    }

    public Task<Bucket?> GetBucketAsync(string name, CancellationToken ct) => _inner.GetBucketAsync(name, ct);

    public Task<IReadOnlyList<Bucket>> ListBucketsAsync(string? ownerId, CancellationToken ct) => _inner.ListBucketsAsync(ownerId, ct);

    public Task<bool> TryCreateBucketAsync(Bucket bucket, CancellationToken ct) => _inner.TryCreateBucketAsync(bucket, ct);

    public Task<DeleteBucketOutcome> DeleteBucketAsync(string name, List<string> orphanedBlobs, CancellationToken ct) => _inner.DeleteBucketAsync(name, orphanedBlobs, ct);

    public Task<bool> SetBucketTagsAsync(string name, IReadOnlyList<Tag>? tags, CancellationToken ct) => _inner.SetBucketTagsAsync(name, tags, ct);

    public Task<bool> SetBucketCorsAsync(string name, IReadOnlyList<BleepStore.Domain.Cors.CorsRule>? rules, CancellationToken ct) => _inner.SetBucketCorsAsync(name, rules, ct);

    public Task<bool> SetBucketLifecycleAsync(string name, IReadOnlyList<BleepStore.Domain.Lifecycle.LifecycleRule>? rules, CancellationToken ct) => _inner.SetBucketLifecycleAsync(name, rules, ct);

    public Task<VersionDelete?> ExpireCurrentAsync(string bucket, string key, string? versionId, DateTimeOffset lastModified, Owner owner, DateTimeOffset at, CancellationToken ct) => _inner.ExpireCurrentAsync(bucket, key, versionId, lastModified, owner, at, ct);

    public Task<VersionDelete?> ExpireNoncurrentAsync(string bucket, string key, string? versionId, DateTimeOffset lastModified, ObjectLockGuard guard, CancellationToken ct) => _inner.ExpireNoncurrentAsync(bucket, key, versionId, lastModified, guard, ct);

    public Task<VersionDelete?> ExpireDeleteMarkerAsync(string bucket, string key, string? versionId, CancellationToken ct) => _inner.ExpireDeleteMarkerAsync(bucket, key, versionId, ct);

    public Task<bool> SetBucketOwnershipAsync(string name, string? objectOwnership, CancellationToken ct) => _inner.SetBucketOwnershipAsync(name, objectOwnership, ct);

    public Task<bool> SetBucketAclAsync(string name, AccessControlList acl, CancellationToken ct) => _inner.SetBucketAclAsync(name, acl, ct);

    public Task<ObjectRecord?> GetObjectAsync(string bucket, string key, CancellationToken ct) => _inner.GetObjectAsync(bucket, key, ct);

    public Task<ObjectWrite> PutObjectAsync(ObjectRecord record, WriteCondition condition, CancellationToken ct) => _inner.PutObjectAsync(record, condition, ct);

    public Task<bool> SetBucketVersioningAsync(string name, string status, CancellationToken ct) => _inner.SetBucketVersioningAsync(name, status, ct);

    public Task<ObjectRecord?> GetObjectVersionAsync(string bucket, string key, string versionId, CancellationToken ct) => _inner.GetObjectVersionAsync(bucket, key, versionId, ct);

    public Task<ObjectRecord?> GetLatestVersionAsync(string bucket, string key, CancellationToken ct) => _inner.GetLatestVersionAsync(bucket, key, ct);

    public Task<VersionDelete> DeleteCurrentAsync(string bucket, string key, Owner owner, DateTimeOffset at, CancellationToken ct) => _inner.DeleteCurrentAsync(bucket, key, owner, at, ct);

    public Task<VersionDelete> DeleteVersionAsync(string bucket, string key, string versionId, CancellationToken ct) => _inner.DeleteVersionAsync(bucket, key, versionId, ct);

    public Task<VersionDelete> DeleteVersionAsync(string bucket, string key, string versionId, ObjectLockGuard guard, CancellationToken ct) => _inner.DeleteVersionAsync(bucket, key, versionId, guard, ct);

    public Task<BucketObjectLockOutcome> SetBucketObjectLockAsync(string name, ObjectLockConfiguration configuration, CancellationToken ct) => _inner.SetBucketObjectLockAsync(name, configuration, ct);

    public Task<(ObjectLockChangeOutcome Outcome, ObjectLockVerdict Verdict)> SetObjectLockAsync(string bucket, string key, string? versionId, ObjectLockChange change, CancellationToken ct) =>
        _inner.SetObjectLockAsync(bucket, key, versionId, change, ct);

    public Task<IReadOnlyList<ObjectVersion>> ListObjectVersionsAsync(string bucket, string prefix, string? fromKey, bool inclusive, string? afterVersionId, int limit, CancellationToken ct) =>
        _inner.ListObjectVersionsAsync(bucket, prefix, fromKey, inclusive, afterVersionId, limit, ct);

    public Task<bool> SetObjectVersionAclAsync(string bucket, string key, string versionId, AccessControlList acl, CancellationToken ct) => _inner.SetObjectVersionAclAsync(bucket, key, versionId, acl, ct);

    public Task<bool> SetObjectVersionTagsAsync(string bucket, string key, string versionId, IReadOnlyList<Tag> tags, CancellationToken ct) => _inner.SetObjectVersionTagsAsync(bucket, key, versionId, tags, ct);

    public Task<ObjectRecord?> DeleteObjectAsync(string bucket, string key, CancellationToken ct) => _inner.DeleteObjectAsync(bucket, key, ct);

    public Task<IReadOnlyList<ObjectRecord>> DeleteObjectsAsync(string bucket, IReadOnlyList<string> keys, CancellationToken ct) => _inner.DeleteObjectsAsync(bucket, keys, ct);

    public Task<string?> SetObjectTagsAsync(string bucket, string key, IReadOnlyList<Tag> tags, CancellationToken ct) => _inner.SetObjectTagsAsync(bucket, key, tags, ct);

    public Task<bool> SetObjectAclAsync(string bucket, string key, AccessControlList acl, CancellationToken ct) => _inner.SetObjectAclAsync(bucket, key, acl, ct);

    public Task<IReadOnlyList<ObjectRecord>> ListObjectsAsync(string bucket, string prefix, string? from, bool inclusive, int limit, CancellationToken ct)
    {
        lock (ListObjectsCalls)
        {
            ListObjectsCalls.Add((prefix, from, inclusive, limit));
        }

        return _inner.ListObjectsAsync(bucket, prefix, from, inclusive, limit, ct);
    }

    public async Task CreateUploadAsync(MultipartUpload upload, CancellationToken ct)
    {
        await _inner.CreateUploadAsync(upload, ct);
        lock (_uploadIds)
        {
            _uploadIds.Add(upload.UploadId);
        }
    }

    public Task<MultipartUpload?> GetUploadAsync(string uploadId, CancellationToken ct) => _inner.GetUploadAsync(uploadId, ct);

    public Task<IReadOnlyList<MultipartUpload>> ListUploadsAsync(string bucket, string prefix, string? keyMarker, string? uploadIdMarker, int limit, CancellationToken ct)
    {
        lock (KeyMarkersSeen)
        {
            KeyMarkersSeen.Add(keyMarker);
        }

        return _inner.ListUploadsAsync(bucket, prefix, keyMarker, uploadIdMarker, limit, ct);
    }

    public async Task<PartRecord?> PutPartAsync(PartRecord part, CancellationToken ct)
    {
        if (BeforePutPart is { } hook)
        {
            await hook(part);
        }

        return await _inner.PutPartAsync(part, ct);
    }

    public Task<IReadOnlyList<PartRecord>> ListPartsAsync(string uploadId, int afterPartNumber, int limit, CancellationToken ct) => _inner.ListPartsAsync(uploadId, afterPartNumber, limit, ct);

    public async Task<(ObjectRecord? Replaced, IReadOnlyList<PartRecord> Parts, string? VersionId)> CompleteUploadAsync(string uploadId, ObjectRecord final, WriteCondition condition, string? listedParts, CancellationToken ct)
    {
        if (BeforeComplete is { } hook)
        {
            await hook();
        }

        CompleteCalls++;
        return await _inner.CompleteUploadAsync(uploadId, final, condition, listedParts, ct);
    }

    public Task<CompletedUpload?> GetCompletedUploadAsync(string uploadId, CancellationToken ct) => _inner.GetCompletedUploadAsync(uploadId, ct);

    public Task<IReadOnlyList<PartRecord>?> AbortUploadAsync(string uploadId, CancellationToken ct) => _inner.AbortUploadAsync(uploadId, ct);

    public Task<IReadOnlyList<string>> ListUploadsInitiatedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken ct) => _inner.ListUploadsInitiatedBeforeAsync(cutoff, limit, ct);

    public Task<MetadataCounts> CountAsync(CancellationToken ct) => _inner.CountAsync(ct);

    public Task PingAsync(CancellationToken ct) => _inner.PingAsync(ct);

    public Task<bool> TryClaimKeyAsync(string bucket, string key, string token, DateTimeOffset now, DateTimeOffset expiredBefore, CancellationToken ct) =>
        _inner.TryClaimKeyAsync(bucket, key, token, now, expiredBefore, ct);

    public Task ReleaseKeyClaimAsync(string bucket, string key, string token, CancellationToken ct) => _inner.ReleaseKeyClaimAsync(bucket, key, token, ct);

    public Task<bool> RenewKeyClaimAsync(string bucket, string key, string token, DateTimeOffset now, CancellationToken ct) => _inner.RenewKeyClaimAsync(bucket, key, token, now, ct);

    public Task<bool> RepointObjectAsync(string bucket, string key, string expectedBlobId, string newBlobId, string token, CancellationToken ct) =>
        _inner.RepointObjectAsync(bucket, key, expectedBlobId, newBlobId, token, ct);

    public Task<IReadOnlyList<KeyClaim>> ListKeyClaimsAsync(int limit, CancellationToken ct) => _inner.ListKeyClaimsAsync(limit, ct);

    public Task<Credential?> GetCredentialAsync(string accessKeyId, CancellationToken ct) => _inner.GetCredentialAsync(accessKeyId, ct);

    public Task UpsertCredentialAsync(Credential credential, CancellationToken ct) => _inner.UpsertCredentialAsync(credential, ct);

    public Task<Owner?> GetAccountAsync(string ownerId, CancellationToken ct) => _inner.GetAccountAsync(ownerId, ct);

    /// <summary>Gives each owner a credential (access key = its id), so ACL grants may name them.</summary>
    public void AddAccounts(params Owner[] owners)
    {
        foreach (var owner in owners)
        {
            _inner.UpsertCredentialAsync(new Credential(owner.Id, "secret-" + owner.Id, owner, true, DateTimeOffset.UnixEpoch), default).GetAwaiter().GetResult();
        }
    }

    public Task<IReadOnlyList<Credential>> ListCredentialsAsync(CancellationToken ct) => _inner.ListCredentialsAsync(ct);

    public Task<bool> TryCreateCredentialAsync(Credential credential, CancellationToken ct) => _inner.TryCreateCredentialAsync(credential, ct);

    public Task<Credential?> SetCredentialActiveAsync(string accessKeyId, bool active, CancellationToken ct) => _inner.SetCredentialActiveAsync(accessKeyId, active, ct);

    public Task<bool> DeleteCredentialAsync(string accessKeyId, CancellationToken ct) => _inner.DeleteCredentialAsync(accessKeyId, ct);
}
