using BleepStore.Application.Abstractions;
using BleepStore.Application.Access;
using BleepStore.Application.Buckets;
using BleepStore.Application.Objects;
using BleepStore.Application.Streams;
using BleepStore.Domain.Access;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Uploads;
using MediatR;

namespace BleepStore.Application.Uploads.CompleteMultipartUpload;

internal sealed class CompleteMultipartUploadHandler(IMetadataStore store, IObjectStorage storage, IClock clock, BlobReaper reaper, KeyPublisher? keys = null)
    : IRequestHandler<CompleteMultipartUploadCommand, CompleteMultipartUploadResult>
{
    public async Task<CompleteMultipartUploadResult> Handle(CompleteMultipartUploadCommand request, CancellationToken cancellationToken)
    {
        var bucket = await store.RequireAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        AccessPolicy.Demand(bucket.Acl, request.Context.Caller, Permission.Write);
        var upload = string.IsNullOrEmpty(request.UploadId) ? null : await store.GetUploadAsync(request.UploadId, cancellationToken).ConfigureAwait(false);
        if (upload is null && await RetriedAsync(request, cancellationToken).ConfigureAwait(false) is { } again)
        {
            return again;
        }

        if (upload is null || upload.Bucket != request.Bucket || upload.Key != request.Key)
        {
            throw UploadLookup.NoSuchUpload(request.UploadId);
        }

        var requested = await request.Parts.ReadAsync(cancellationToken).ConfigureAwait(false);
        var listed = await CompletionRules.SelectPartsAsync(store, upload.UploadId, requested, cancellationToken).ConfigureAwait(false);
        var fingerprint = CompletionRules.Fingerprint(requested);

        var condition = WriteConditions.From(request.IfNoneMatch, request.IfMatch);
        if (condition.IfNoneMatchAny && await store.GetObjectAsync(request.Bucket, request.Key, cancellationToken).ConfigureAwait(false) is not null)
        {
            // Fail before assembling gigabytes; the store checks again atomically at commit.
            throw new S3Exception(S3Errors.PreconditionFailed, details: [new("Condition", "If-None-Match")]);
        }

        var fullObject = upload.ChecksumType == MultipartChecksums.FullObject ? upload.ChecksumAlgorithm : null;
        if (fullObject is null && keys is { Enabled: true })
        {
            // A key-named gateway joins the parts straight into the key's upstream name when no row names it yet
            // (decision 0010); the key publisher holds the key's claim around the join and this commit.
            CompleteMultipartUploadResult? inPlace;
            try
            {
                inPlace = await keys.CompleteInPlaceAsync(
                    upload.Bucket,
                    upload.Key,
                    BlobIdsOf(listed),
                    joined => CommitAsync(request, fingerprint, upload, listed, condition, CheckLength(joined, listed), null, inPlace: true, cancellationToken),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (BlobNotFoundException missing)
            {
                throw MissingPart(listed, missing);
            }

            if (inPlace is not null)
            {
                return inPlace with { KeyInLine = true };
            }
        }

        var (blob, fullObjectChecksum) = await AssembleAsync(upload, listed, fullObject, cancellationToken).ConfigureAwait(false);
        return await CommitAsync(request, fingerprint, upload, listed, condition, blob, fullObjectChecksum, inPlace: false, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CompleteMultipartUploadResult> CommitAsync(
        CompleteMultipartUploadCommand request, string fingerprint, MultipartUpload upload, IReadOnlyList<PartRecord> listed, WriteCondition condition, StoredBlob blob, ChecksumValue? fullObjectChecksum, bool inPlace, CancellationToken cancellationToken)
    {
        var checksum = upload.ChecksumAlgorithm is not { } algorithm ? null
            : upload.ChecksumType == MultipartChecksums.FullObject ? fullObjectChecksum
            : MultipartChecksums.CompositeOf(algorithm, listed);

        var final = new ObjectRecord
        {
            Bucket = upload.Bucket,
            Key = upload.Key,
            Size = blob.Size,
            ETag = CompositeETag.Of(listed),
            Content = upload.Content,
            StorageClass = upload.StorageClass,
            Acl = upload.Acl,
            UserMetadata = upload.UserMetadata,
            LastModified = clock.UtcNow,
            BlobId = blob.BlobId,
            Checksums = checksum is null ? [] : [checksum],
            PartsCount = listed.Count,
            PartSizes = listed.Select(p => p.Size).ToArray(),
            PartChecksums = MultipartChecksums.PartChecksumsOf(upload.ChecksumAlgorithm, listed),
            Tags = upload.Tags,
            Retention = upload.Retention,
            LegalHold = upload.LegalHold,
        };

        ObjectRecord? replaced;
        IReadOnlyList<PartRecord> removedParts;
        string? versionId;
        try
        {
            (replaced, removedParts, versionId) = await store.CompleteUploadAsync(
                upload.UploadId, final, condition, fingerprint, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!inPlace)
        {
            await reaper.DeleteAsync(storage, upload.Bucket, blob.BlobId).ConfigureAwait(false);

            // The same Complete, sent twice at once, committed first: this one answers as that one did.
            if (e is S3Exception { Error.Code: "NoSuchUpload" } && await RetriedAsync(request, cancellationToken).ConfigureAwait(false) is { } concurrent)
            {
                return concurrent;
            }

            throw;
        }

        // In place, the replaced row named a staging blob or nothing (the key publisher checked under the key's claim).
        if (replaced is not null)
        {
            await reaper.ReleaseAsync(storage, replaced).ConfigureAwait(false);
        }

        // Listed and unlisted parts alike: the object has its own copy of the bytes now.
        foreach (var part in removedParts)
        {
            await reaper.DeleteAsync(storage, upload.Bucket, part.BlobId).ConfigureAwait(false);
        }

        return new CompleteMultipartUploadResult(final.Bucket, final.Key, final.ETag, checksum, checksum is null ? null : upload.ChecksumType) { VersionId = versionId };
    }

    private static string[] BlobIdsOf(IReadOnlyList<PartRecord> listed)
    {
        var ids = new string[listed.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = listed[i].BlobId;
        }

        return ids;
    }

    /// <summary>A joined blob shorter or longer than its parts fails the request (in place: before the row commits).</summary>
    private static StoredBlob CheckLength(StoredBlob joined, IReadOnlyList<PartRecord> listed) =>
        joined.Size == listed.Sum(p => p.Size) ? joined : throw new S3Exception(S3Errors.InternalError, "The assembled object is not as long as its parts; retry the request.");

    /// <summary>
    /// A Complete sent again after it succeeded (an SDK retrying a timed-out request) answers as the first one did, as
    /// S3 does: same upload id, bucket and key, the same parts list, and the key still holding the object (and version)
    /// that upload made. Anything else is null, and the caller answers NoSuchUpload.
    /// </summary>
    private async Task<CompleteMultipartUploadResult?> RetriedAsync(CompleteMultipartUploadCommand request, CancellationToken ct)
    {
        if (await store.GetCompletedUploadAsync(request.UploadId, ct).ConfigureAwait(false) is not { } done
            || done.Bucket != request.Bucket || done.Key != request.Key)
        {
            return null;
        }

        IReadOnlyList<(int PartNumber, string ETag)> requested;
        try
        {
            requested = await request.Parts.ReadAsync(ct).ConfigureAwait(false);
        }
        catch (S3Exception)
        {
            return null;
        }

        if (CompletionRules.Fingerprint(requested) != done.Parts
            || await store.GetObjectAsync(request.Bucket, request.Key, ct).ConfigureAwait(false) is not { } current
            || current.ETag != done.ETag || current.VersionId != done.VersionId)
        {
            return null;
        }

        var checksum = current.Checksums.Count == 0 ? null : current.Checksums[0];
        var type = checksum is null ? null : checksum.Base64.Contains('-', StringComparison.Ordinal) ? MultipartChecksums.Composite : MultipartChecksums.FullObject;
        return new CompleteMultipartUploadResult(request.Bucket, request.Key, done.ETag, checksum, type) { VersionId = done.VersionId };
    }

    /// <summary>
    /// Joins the listed parts, in list order, into one new durable blob. Without a FULL_OBJECT checksum the
    /// backend joins them itself (a gateway assembles upstream, memory shares chunks); with one, the parts
    /// stream through a hashing pass, one part at a time. Either way the total length is checked, so a
    /// truncated part blob fails the request instead of committing a short object.
    /// </summary>
    private async Task<(StoredBlob Blob, ChecksumValue? FullObject)> AssembleAsync(MultipartUpload upload, IReadOnlyList<PartRecord> listed, ChecksumAlgorithm? fullObject, CancellationToken ct)
    {
        var total = 0L;
        foreach (var part in listed)
        {
            total += part.Size;
        }

        if (fullObject is null)
        {
            return (await ConcatenateAsync(upload.Bucket, listed, total, ct).ConfigureAwait(false), null);
        }

        // Disposing the hashing stream disposes the part stream (and the part blob it has open).
        var hashing = new ObjectHashingStream(new PartConcatenationStream(storage, upload.Bucket, listed), new ObjectHashingOptions
        {
            ExpectedLength = total,
            ComputeAlgorithms = [fullObject.Value],
        });
        await using (hashing.ConfigureAwait(false))
        {
            var blob = await storage.WriteAsync(upload.Bucket, hashing, ct).ConfigureAwait(false);
            return (blob, hashing.Checksums.FirstOrDefault(c => c.Algorithm == fullObject));
        }
    }

    private async Task<StoredBlob> ConcatenateAsync(string bucket, IReadOnlyList<PartRecord> listed, long total, CancellationToken ct)
    {
        var ids = BlobIdsOf(listed);
        StoredBlob blob;
        try
        {
            blob = await storage.ConcatenateAsync(bucket, ids, ct).ConfigureAwait(false);
        }
        catch (BlobNotFoundException missing)
        {
            throw MissingPart(listed, missing);
        }

        if (blob.Size != total)
        {
            await reaper.DeleteAsync(storage, bucket, blob.BlobId).ConfigureAwait(false);
            throw new S3Exception(S3Errors.InternalError, "The assembled object is not as long as its parts; retry the request.");
        }

        return blob;
    }

    /// <summary>A concurrent UploadPart replaced (and reaped) a part after Complete validated it.</summary>
    private static S3Exception MissingPart(IReadOnlyList<PartRecord> listed, BlobNotFoundException missing)
    {
        var number = listed.FirstOrDefault(p => p.BlobId == missing.BlobId)?.PartNumber;
        return new S3Exception(S3Errors.InternalError, $"The data of part {number} is missing from storage; retry the request.");
    }
}
