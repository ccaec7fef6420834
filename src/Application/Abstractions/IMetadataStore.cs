using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Cors;
using BleepStore.Domain.Lifecycle;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Tagging;
using BleepStore.Domain.Uploads;

namespace BleepStore.Application.Abstractions;

/// <summary>
/// The metadata port: buckets, objects, uploads and parts. Every method is one transaction. Keys
/// compare as UTF-8 bytes everywhere (ordering, prefix, markers).
/// </summary>
public partial interface IMetadataStore : ICredentialStore
{
    Task<Bucket?> GetBucketAsync(string name, CancellationToken ct);

    /// <summary>All buckets, or those of one owner, ordered by name.</summary>
    Task<IReadOnlyList<Bucket>> ListBucketsAsync(string? ownerId, CancellationToken ct);

    /// <summary>Inserts the bucket; false when a bucket of that name exists already.</summary>
    Task<bool> TryCreateBucketAsync(Bucket bucket, CancellationToken ct);

    /// <summary>
    /// Deletes an empty bucket. Open uploads of the bucket go with it; their parts are returned
    /// through <paramref name="orphanedBlobs"/> so the caller can delete their bytes.
    /// </summary>
    Task<DeleteBucketOutcome> DeleteBucketAsync(string name, List<string> orphanedBlobs, CancellationToken ct);

    Task<bool> SetBucketAclAsync(string name, AccessControlList acl, CancellationToken ct);

    /// <summary>Replaces the bucket's tag set (null removes it); false when the bucket does not exist.</summary>
    Task<bool> SetBucketTagsAsync(string name, IReadOnlyList<Tag>? tags, CancellationToken ct);

    /// <summary>Replaces the bucket's CORS rules (null removes them); false when the bucket does not exist.</summary>
    Task<bool> SetBucketCorsAsync(string name, IReadOnlyList<CorsRule>? rules, CancellationToken ct);

    /// <summary>Replaces the bucket's lifecycle rules (null removes them); false when the bucket does not exist.</summary>
    Task<bool> SetBucketLifecycleAsync(string name, IReadOnlyList<LifecycleRule>? rules, CancellationToken ct);

    /// <summary>Sets the bucket's ObjectOwnership (null removes its ownership controls); false when the bucket does not exist.</summary>
    Task<bool> SetBucketOwnershipAsync(string name, string? objectOwnership, CancellationToken ct);

    Task<ObjectRecord?> GetObjectAsync(string bucket, string key, CancellationToken ct);

    /// <summary>
    /// Inserts or replaces the object row, checking <paramref name="condition"/> in the same
    /// transaction (PreconditionFailed / NoSuchKey as S3Exception), under the bucket's versioning state when it
    /// commits (decision 0014). Returns the replaced row, whose blob the caller deletes, and the version made.
    /// </summary>
    Task<ObjectWrite> PutObjectAsync(ObjectRecord record, WriteCondition condition, CancellationToken ct);

    /// <summary>Deletes the current row for good (a newer-than-rest noncurrent version becomes current); returns it (for its blob) or null.</summary>
    Task<ObjectRecord?> DeleteObjectAsync(string bucket, string key, CancellationToken ct);

    /// <summary>DeleteObject without version id (as <see cref="DeleteCurrentAsync"/>) for many keys in one transaction; returns the rows removed for good.</summary>
    Task<IReadOnlyList<ObjectRecord>> DeleteObjectsAsync(string bucket, IReadOnlyList<string> keys, CancellationToken ct);

    Task<bool> SetObjectAclAsync(string bucket, string key, AccessControlList acl, CancellationToken ct);

    /// <summary>
    /// Replaces the current object's tag set (empty removes it); bytes, ETag and Last-Modified stay. Returns the wire
    /// version id of the version it tagged (<c>null</c> for the null version), read in the same transaction; C# null
    /// when there is no such object.
    /// </summary>
    Task<string?> SetObjectTagsAsync(string bucket, string key, IReadOnlyList<Tag> tags, CancellationToken ct);

    /// <summary>
    /// Objects of <paramref name="bucket"/> whose key starts with <paramref name="prefix"/> and is
    /// greater than (or, with <paramref name="inclusive"/>, equal to) <paramref name="from"/>,
    /// in UTF-8 byte order, at most <paramref name="limit"/>. Entries carry what a listing shows — key,
    /// size, ETag, last-modified, storage class and the ACL (for the owner) — and may leave the rest
    /// (content headers, user metadata, checksums, blob id, parts, inline bytes) at their defaults.
    /// </summary>
    Task<IReadOnlyList<ObjectRecord>> ListObjectsAsync(string bucket, string prefix, string? from, bool inclusive, int limit, CancellationToken ct);

    Task CreateUploadAsync(MultipartUpload upload, CancellationToken ct);

    Task<MultipartUpload?> GetUploadAsync(string uploadId, CancellationToken ct);

    /// <summary>Uploads ordered by key (bytes), initiation time, upload id; resume strictly after the markers.</summary>
    Task<IReadOnlyList<MultipartUpload>> ListUploadsAsync(string bucket, string prefix, string? keyMarker, string? uploadIdMarker, int limit, CancellationToken ct);

    /// <summary>Inserts or replaces a part of an open upload; returns the replaced part (its blob to delete). Throws NoSuchUpload when the upload is gone.</summary>
    Task<PartRecord?> PutPartAsync(PartRecord part, CancellationToken ct);

    Task<IReadOnlyList<PartRecord>> ListPartsAsync(string uploadId, int afterPartNumber, int limit, CancellationToken ct);

    /// <summary>
    /// In one transaction: checks the upload still exists (NoSuchUpload) and <paramref name="condition"/>,
    /// upserts <paramref name="final"/>, deletes the upload and all its part rows. Returns the replaced
    /// object (if any) and every part row removed, so the caller can delete their blobs. With <paramref name="listedParts"/>
    /// it also records the completion (<see cref="CompletedUpload"/>: the parts list, ETag and version made) and drops
    /// records past <see cref="CompletedUpload.Lifetime"/> (from <paramref name="final"/>'s LastModified) or
    /// <see cref="CompletedUpload.MaxKept"/>, all in the same transaction.
    /// </summary>
    Task<(ObjectRecord? Replaced, IReadOnlyList<PartRecord> Parts, string? VersionId)> CompleteUploadAsync(
        string uploadId, ObjectRecord final, WriteCondition condition, string? listedParts, CancellationToken ct);

    /// <summary>The record of a completion still kept, or null.</summary>
    Task<CompletedUpload?> GetCompletedUploadAsync(string uploadId, CancellationToken ct);

    /// <summary>Deletes the upload and its parts; returns the parts removed, or null when the upload did not exist.</summary>
    Task<IReadOnlyList<PartRecord>?> AbortUploadAsync(string uploadId, CancellationToken ct);

    /// <summary>Upload ids initiated before <paramref name="cutoff"/>.</summary>
    Task<IReadOnlyList<string>> ListUploadsInitiatedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken ct);

    Task<MetadataCounts> CountAsync(CancellationToken ct);

    /// <summary>Cheap round trip for readiness (<c>SELECT 1</c>).</summary>
    Task PingAsync(CancellationToken ct);
}
