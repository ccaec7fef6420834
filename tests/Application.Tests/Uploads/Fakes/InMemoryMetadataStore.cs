using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Credentials;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Uploads;

namespace BleepStore.Application.Tests.Uploads.Fakes;

/// <summary>The bucket, object, upload and part methods of the metadata port, in memory, with the SQLite adapter's semantics.</summary>
internal sealed class InMemoryMetadataStore : IMetadataStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Bucket, string Key), ObjectRecord> _objects = [];
    private readonly Dictionary<string, MultipartUpload> _uploads = new(StringComparer.Ordinal);
    private readonly Dictionary<(string UploadId, int Number), PartRecord> _parts = [];

    /// <summary>Runs before PutPartAsync touches anything: lets a test abort the upload mid-request.</summary>
    public Func<PartRecord, Task>? BeforePutPart { get; set; }

    /// <summary>Runs before CompleteUploadAsync's transaction: lets a test remove the upload mid-request.</summary>
    public Func<Task>? BeforeComplete { get; set; }

    /// <summary>Every keyMarker ListUploadsAsync was called with.</summary>
    public List<string?> KeyMarkersSeen { get; } = [];

    public int CompleteCalls { get; private set; }

    public void AddBucket(string name, Owner owner, AccessControlList? acl = null)
    {
        lock (_gate)
        {
            _buckets[name] = new Bucket(name, "us-east-1", owner, acl ?? AccessControlList.Private(owner), DateTimeOffset.UnixEpoch);
        }
    }

    public void AddObject(ObjectRecord record)
    {
        lock (_gate)
        {
            _objects[(record.Bucket, record.Key)] = record;
        }
    }

    public void AddUpload(MultipartUpload upload)
    {
        lock (_gate)
        {
            _uploads[upload.UploadId] = upload;
        }
    }

    public IReadOnlyList<PartRecord> AllParts()
    {
        lock (_gate)
        {
            return [.. _parts.Values];
        }
    }

    public Task<Bucket?> GetBucketAsync(string name, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_buckets.GetValueOrDefault(name));
        }
    }

    public Task<ObjectRecord?> GetObjectAsync(string bucket, string key, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_objects.GetValueOrDefault((bucket, key)));
        }
    }

    public Task<ObjectRecord?> PutObjectAsync(ObjectRecord record, WriteCondition condition, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(Upsert(record, condition));
        }
    }

    public Task CreateUploadAsync(MultipartUpload upload, CancellationToken ct)
    {
        AddUpload(upload);
        return Task.CompletedTask;
    }

    public Task<MultipartUpload?> GetUploadAsync(string uploadId, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_uploads.GetValueOrDefault(uploadId));
        }
    }

    public Task<IReadOnlyList<MultipartUpload>> ListUploadsAsync(string bucket, string prefix, string? keyMarker, string? uploadIdMarker, int limit, CancellationToken ct)
    {
        lock (_gate)
        {
            KeyMarkersSeen.Add(keyMarker);
            IEnumerable<MultipartUpload> rows = _uploads.Values.Where(u => u.Bucket == bucket && u.Key.StartsWith(prefix, StringComparison.Ordinal));
            if (!string.IsNullOrEmpty(keyMarker))
            {
                var marker = string.IsNullOrEmpty(uploadIdMarker) ? null : _uploads.GetValueOrDefault(uploadIdMarker);
                rows = marker is not null && marker.Bucket == bucket && marker.Key == keyMarker
                    ? rows.Where(u => Compare(u, marker) > 0)
                    : rows.Where(u => Utf8Order.Instance.Compare(u.Key, keyMarker) > 0);
            }

            IReadOnlyList<MultipartUpload> page = [.. rows.Order(Comparer<MultipartUpload>.Create(Compare)).Take(limit)];
            return Task.FromResult(page);
        }
    }

    public async Task<PartRecord?> PutPartAsync(PartRecord part, CancellationToken ct)
    {
        if (BeforePutPart is { } hook)
        {
            await hook(part);
        }

        lock (_gate)
        {
            if (!_uploads.ContainsKey(part.UploadId))
            {
                throw new S3Exception(S3Errors.NoSuchUpload);
            }

            var previous = _parts.GetValueOrDefault((part.UploadId, part.PartNumber));
            _parts[(part.UploadId, part.PartNumber)] = part;
            return previous;
        }
    }

    public Task<IReadOnlyList<PartRecord>> ListPartsAsync(string uploadId, int afterPartNumber, int limit, CancellationToken ct)
    {
        lock (_gate)
        {
            IReadOnlyList<PartRecord> page = [.. _parts.Values.Where(p => p.UploadId == uploadId && p.PartNumber > afterPartNumber).OrderBy(p => p.PartNumber).Take(limit)];
            return Task.FromResult(page);
        }
    }

    public async Task<(ObjectRecord? Replaced, IReadOnlyList<PartRecord> Parts)> CompleteUploadAsync(string uploadId, ObjectRecord final, WriteCondition condition, CancellationToken ct)
    {
        if (BeforeComplete is { } hook)
        {
            await hook();
        }

        lock (_gate)
        {
            CompleteCalls++;
            if (!_uploads.ContainsKey(uploadId))
            {
                throw new S3Exception(S3Errors.NoSuchUpload);
            }

            var replaced = Upsert(final, condition);
            return (replaced, RemoveUpload(uploadId));
        }
    }

    public Task<IReadOnlyList<PartRecord>?> AbortUploadAsync(string uploadId, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<PartRecord>?>(_uploads.ContainsKey(uploadId) ? RemoveUpload(uploadId) : null);
        }
    }

    public Task<IReadOnlyList<string>> ListUploadsInitiatedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken ct)
    {
        lock (_gate)
        {
            IReadOnlyList<string> ids = [.. _uploads.Values.Where(u => u.Initiated < cutoff).OrderBy(u => u.Initiated).ThenBy(u => u.UploadId, StringComparer.Ordinal).Select(u => u.UploadId).Take(limit)];
            return Task.FromResult(ids);
        }
    }

    public Task<IReadOnlyList<Bucket>> ListBucketsAsync(string? ownerId, CancellationToken ct) => throw new NotSupportedException();

    public Task<bool> TryCreateBucketAsync(Bucket bucket, CancellationToken ct) => throw new NotSupportedException();

    public Task<DeleteBucketOutcome> DeleteBucketAsync(string name, List<string> orphanedBlobs, CancellationToken ct) => throw new NotSupportedException();

    public Task<bool> SetBucketAclAsync(string name, AccessControlList acl, CancellationToken ct) => throw new NotSupportedException();

    public Task<ObjectRecord?> DeleteObjectAsync(string bucket, string key, CancellationToken ct) => throw new NotSupportedException();

    public Task<IReadOnlyList<ObjectRecord>> DeleteObjectsAsync(string bucket, IReadOnlyList<string> keys, CancellationToken ct) => throw new NotSupportedException();

    public Task<bool> SetObjectAclAsync(string bucket, string key, AccessControlList acl, CancellationToken ct) => throw new NotSupportedException();

    public Task<IReadOnlyList<ObjectRecord>> ListObjectsAsync(string bucket, string prefix, string? from, bool inclusive, int limit, CancellationToken ct) => throw new NotSupportedException();

    public Task<MetadataCounts> CountAsync(CancellationToken ct) => throw new NotSupportedException();

    public Task PingAsync(CancellationToken ct) => Task.CompletedTask;

    public Task<Credential?> GetCredentialAsync(string accessKeyId, CancellationToken ct) => throw new NotSupportedException();

    public Task UpsertCredentialAsync(Credential credential, CancellationToken ct) => throw new NotSupportedException();

    private static int Compare(MultipartUpload a, MultipartUpload b)
    {
        var c = Utf8Order.Instance.Compare(a.Key, b.Key);
        if (c == 0)
        {
            c = a.Initiated.CompareTo(b.Initiated);
        }

        return c != 0 ? c : string.CompareOrdinal(a.UploadId, b.UploadId);
    }

    private ObjectRecord? Upsert(ObjectRecord record, WriteCondition condition)
    {
        var current = _objects.GetValueOrDefault((record.Bucket, record.Key));
        if (condition.IfNoneMatchAny && current is not null)
        {
            throw new S3Exception(S3Errors.PreconditionFailed);
        }

        if (condition.IfMatch is not null)
        {
            if (current is null)
            {
                throw S3Exception.NoSuchKey(record.Key);
            }

            if (!ETag.ListMatches(condition.IfMatch, current.ETag))
            {
                throw new S3Exception(S3Errors.PreconditionFailed);
            }
        }

        _objects[(record.Bucket, record.Key)] = record;
        return current;
    }

    private List<PartRecord> RemoveUpload(string uploadId)
    {
        _uploads.Remove(uploadId);
        var parts = _parts.Values.Where(p => p.UploadId == uploadId).OrderBy(p => p.PartNumber).ToList();
        foreach (var p in parts)
        {
            _parts.Remove((uploadId, p.PartNumber));
        }

        return parts;
    }
}
