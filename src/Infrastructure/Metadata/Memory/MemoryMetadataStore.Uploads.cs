using BleepStore.Application.Abstractions;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Uploads;

namespace BleepStore.Infrastructure.Metadata.Memory;

public sealed partial class MemoryMetadataStore
{
    public Task CreateUploadAsync(MultipartUpload upload, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled(ct);
        }

        var row = MemoryRows.Stored(upload);
        lock (_gate)
        {
            if (!_buckets.TryGetValue(row.Bucket, out var bucket))
            {
                return Task.FromException(S3Exception.NoSuchBucket(row.Bucket));
            }

            // Upload ids are random; a repeat is a caller's bug, as the SQLite store's primary key says.
            if (!_uploads.TryAdd(row.UploadId, new MemoryUpload(row)))
            {
                return Task.FromException(new InvalidOperationException($"Upload id {row.UploadId} exists already."));
            }

            bucket.Uploads.Add(row);
        }

        return Task.CompletedTask;
    }

    public Task<MultipartUpload?> GetUploadAsync(string uploadId, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<MultipartUpload?>(ct);
        }

        lock (_gate)
        {
            return Task.FromResult(_uploads.GetValueOrDefault(uploadId)?.Row);
        }
    }

    public Task<IReadOnlyList<MultipartUpload>> ListUploadsAsync(string bucket, string prefix, string? keyMarker, string? uploadIdMarker, int limit, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<IReadOnlyList<MultipartUpload>>(ct);
        }

        var result = new List<MultipartUpload>();
        if (limit <= 0)
        {
            return Task.FromResult<IReadOnlyList<MultipartUpload>>(result);
        }

        lock (_gate)
        {
            if (!_buckets.TryGetValue(bucket, out var b))
            {
                return Task.FromResult<IReadOnlyList<MultipartUpload>>(result);
            }

            // With a known upload-id marker resume after that upload within its key; otherwise skip the whole key.
            MultipartUpload? after = null;
            string? afterKey = null;
            if (!string.IsNullOrEmpty(keyMarker))
            {
                after = !string.IsNullOrEmpty(uploadIdMarker) && _uploads.TryGetValue(uploadIdMarker, out var m) && m.Row.Bucket == bucket && m.Row.Key == keyMarker
                    ? m.Row
                    : null;
                afterKey = after is null ? keyMarker : null;
            }

            foreach (var upload in b.Uploads)
            {
                if (!upload.Key.StartsWith(prefix, StringComparison.Ordinal)
                    || (after is not null && UploadOrder.Instance.Compare(upload, after) <= 0)
                    || (afterKey is not null && Utf8Order.Instance.Compare(upload.Key, afterKey) <= 0))
                {
                    continue;
                }

                result.Add(upload);
                if (result.Count == limit)
                {
                    break;
                }
            }
        }

        return Task.FromResult<IReadOnlyList<MultipartUpload>>(result);
    }

    public Task<PartRecord?> PutPartAsync(PartRecord part, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<PartRecord?>(ct);
        }

        var row = MemoryRows.Stored(part);
        lock (_gate)
        {
            if (!_uploads.TryGetValue(row.UploadId, out var upload))
            {
                return Task.FromException<PartRecord?>(NoSuchUpload(row.UploadId));
            }

            var previous = upload.Parts.GetValueOrDefault(row.PartNumber);
            upload.Parts[row.PartNumber] = row;
            return Task.FromResult(previous);
        }
    }

    public Task<IReadOnlyList<PartRecord>> ListPartsAsync(string uploadId, int afterPartNumber, int limit, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<IReadOnlyList<PartRecord>>(ct);
        }

        var result = new List<PartRecord>();
        lock (_gate)
        {
            if (_uploads.TryGetValue(uploadId, out var upload))
            {
                foreach (var part in upload.Parts.Values)
                {
                    // A negative limit means none, as SQL's LIMIT -1.
                    if (result.Count == limit)
                    {
                        break;
                    }

                    if (part.PartNumber > afterPartNumber)
                    {
                        result.Add(part);
                    }
                }
            }
        }

        return Task.FromResult<IReadOnlyList<PartRecord>>(result);
    }

    public Task<(ObjectRecord? Replaced, IReadOnlyList<PartRecord> Parts, string? VersionId)> CompleteUploadAsync(string uploadId, ObjectRecord final, WriteCondition condition, string? listedParts, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<(ObjectRecord?, IReadOnlyList<PartRecord>, string?)>(ct);
        }

        var row = MemoryRows.Stored(final);
        try
        {
            lock (_gate)
            {
                if (!_uploads.TryGetValue(uploadId, out var upload))
                {
                    throw NoSuchUpload(uploadId);
                }

                var bucket = _buckets.GetValueOrDefault(row.Bucket) ?? throw S3Exception.NoSuchBucket(row.Bucket);
                var write = Upsert(bucket, row, condition);
                RemoveUpload(upload);
                if (listedParts is not null)
                {
                    RecordCompletion(new CompletedUpload(uploadId, final.Bucket, final.Key, listedParts, final.ETag, write.VersionId, final.LastModified));
                }
                return Task.FromResult<(ObjectRecord?, IReadOnlyList<PartRecord>, string?)>((write.Replaced, [.. upload.Parts.Values], write.VersionId));
            }
        }
        catch (S3Exception ex)
        {
            return Task.FromException<(ObjectRecord?, IReadOnlyList<PartRecord>, string?)>(ex);
        }
    }

    public Task<CompletedUpload?> GetCompletedUploadAsync(string uploadId, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_completed.GetValueOrDefault(uploadId));
        }
    }

    /// <summary>As the SQLite store: the record, then drop what is past the lifetime or beyond the newest MaxKept (oldest first).</summary>
    private void RecordCompletion(CompletedUpload record)
    {
        _completed[record.UploadId] = record;
        _completedOrder.Enqueue(record.UploadId); // upload ids are unique: each is queued once
        var cutoff = record.CompletedAt - CompletedUpload.Lifetime;
        while (_completedOrder.TryPeek(out var oldest)
            && (!_completed.TryGetValue(oldest, out var kept) || kept.CompletedAt < cutoff || _completed.Count > CompletedUpload.MaxKept))
        {
            _completedOrder.Dequeue();
            _completed.Remove(oldest);
        }
    }

    public Task<IReadOnlyList<PartRecord>?> AbortUploadAsync(string uploadId, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<IReadOnlyList<PartRecord>?>(ct);
        }

        lock (_gate)
        {
            if (!_uploads.TryGetValue(uploadId, out var upload))
            {
                return Task.FromResult<IReadOnlyList<PartRecord>?>(null);
            }

            RemoveUpload(upload);
            return Task.FromResult<IReadOnlyList<PartRecord>?>([.. upload.Parts.Values]);
        }
    }

    public Task<IReadOnlyList<string>> ListUploadsInitiatedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<IReadOnlyList<string>>(ct);
        }

        cutoff = MemoryRows.Millis(cutoff);
        var old = new List<MultipartUpload>();
        lock (_gate)
        {
            foreach (var upload in _uploads.Values)
            {
                if (upload.Row.Initiated < cutoff)
                {
                    old.Add(upload.Row);
                }
            }
        }

        old.Sort(static (a, b) => a.Initiated != b.Initiated ? a.Initiated.CompareTo(b.Initiated) : string.CompareOrdinal(a.UploadId, b.UploadId));
        var count = limit < 0 ? old.Count : Math.Min(limit, old.Count);
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            ids.Add(old[i].UploadId);
        }

        return Task.FromResult<IReadOnlyList<string>>(ids);
    }

    private static S3Exception NoSuchUpload(string uploadId) => new(S3Errors.NoSuchUpload, details: [new("UploadId", uploadId)]);

    /// <summary>Drops an upload and its parts from the indexes. Under the lock.</summary>
    private void RemoveUpload(MemoryUpload upload)
    {
        _uploads.Remove(upload.Row.UploadId);
        _buckets[upload.Row.Bucket].Uploads.Remove(upload.Row);
    }
}
