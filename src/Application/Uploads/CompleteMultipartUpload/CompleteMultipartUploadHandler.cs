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

internal sealed class CompleteMultipartUploadHandler(IMetadataStore store, IObjectStorage storage, IClock clock, BlobReaper reaper)
    : IRequestHandler<CompleteMultipartUploadCommand, CompleteMultipartUploadResult>
{
    public async Task<CompleteMultipartUploadResult> Handle(CompleteMultipartUploadCommand request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.UploadId))
        {
            throw S3Exception.InvalidArgument("This operation requires an uploadId.", "uploadId", request.UploadId);
        }

        var bucket = await store.RequireAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        AccessPolicy.Demand(bucket.Acl, request.Context.Caller, Permission.Write);
        var upload = await store.RequireUploadAsync(request.UploadId, request.Bucket, request.Key, cancellationToken).ConfigureAwait(false);
        var requested = await request.Parts.ReadAsync(cancellationToken).ConfigureAwait(false);
        var listed = await CompletionRules.SelectPartsAsync(store, upload.UploadId, requested, cancellationToken).ConfigureAwait(false);

        var condition = WriteConditions.From(request.IfNoneMatch, request.IfMatch);
        if (condition.IfNoneMatchAny && await store.GetObjectAsync(request.Bucket, request.Key, cancellationToken).ConfigureAwait(false) is not null)
        {
            // Fail before assembling gigabytes; the store checks again atomically at commit.
            throw new S3Exception(S3Errors.PreconditionFailed, details: [new("Condition", "If-None-Match")]);
        }

        var (blob, fullObjectChecksum) = await AssembleAsync(upload, listed, cancellationToken).ConfigureAwait(false);
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
        };

        ObjectRecord? replaced;
        IReadOnlyList<PartRecord> removedParts;
        try
        {
            (replaced, removedParts) = await store.CompleteUploadAsync(upload.UploadId, final, condition, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await reaper.DeleteAsync(storage, upload.Bucket, blob.BlobId).ConfigureAwait(false);
            throw;
        }

        if (replaced is not null)
        {
            await reaper.ReleaseAsync(storage, replaced).ConfigureAwait(false);
        }

        // Listed and unlisted parts alike: the object has its own copy of the bytes now.
        foreach (var part in removedParts)
        {
            await reaper.DeleteAsync(storage, upload.Bucket, part.BlobId).ConfigureAwait(false);
        }

        return new CompleteMultipartUploadResult(final.Bucket, final.Key, final.ETag, checksum, checksum is null ? null : upload.ChecksumType);
    }

    /// <summary>
    /// Streams the listed parts, in list order, into one new durable blob. The hashing stream checks the
    /// total length (a truncated part blob fails the request) and computes a FULL_OBJECT checksum on the way.
    /// </summary>
    private async Task<(StoredBlob Blob, ChecksumValue? FullObject)> AssembleAsync(MultipartUpload upload, IReadOnlyList<PartRecord> listed, CancellationToken ct)
    {
        var total = 0L;
        foreach (var part in listed)
        {
            total += part.Size;
        }

        var fullObject = upload.ChecksumType == MultipartChecksums.FullObject ? upload.ChecksumAlgorithm : null;
        // Disposing the hashing stream disposes the part stream (and the part blob it has open).
        var hashing = new ObjectHashingStream(new PartConcatenationStream(storage, upload.Bucket, listed), new ObjectHashingOptions
        {
            ExpectedLength = total,
            ComputeAlgorithms = fullObject is { } a ? [a] : [],
        });
        await using (hashing.ConfigureAwait(false))
        {
            var blob = await storage.WriteAsync(upload.Bucket, hashing, ct).ConfigureAwait(false);
            return (blob, fullObject is null ? null : hashing.Checksums.FirstOrDefault(c => c.Algorithm == fullObject));
        }
    }
}
