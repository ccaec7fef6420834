using BleepStore.Application.Abstractions;
using BleepStore.Application.Objects;
using BleepStore.Application.Streams;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Uploads;

namespace BleepStore.Application.Uploads;

/// <summary>What UploadPart and UploadPartCopy share once the part's bytes are durable.</summary>
internal static class PartCommit
{
    /// <summary>
    /// Writes a part's bytes (read to the end through <paramref name="hashing"/>, which checks the digests)
    /// to a new blob and records it, as UploadPart and UploadPartCopy both do.
    /// </summary>
    public static async Task<PartRecord> WriteAsync(
        IMetadataStore store, IObjectStorage storage, IClock clock, BlobReaper reaper, string bucket, string uploadId, int partNumber, ObjectHashingStream hashing, CancellationToken ct)
    {
        var blob = await storage.WriteAsync(bucket, hashing, ct).ConfigureAwait(false);
        var part = new PartRecord
        {
            UploadId = uploadId,
            PartNumber = partNumber,
            Size = blob.Size,
            ETag = hashing.ETag,
            LastModified = clock.UtcNow,
            BlobId = blob.BlobId,
            Checksums = hashing.Checksums,
        };

        await PutAsync(store, storage, reaper, bucket, part, ct).ConfigureAwait(false);
        return part;
    }

    /// <summary>
    /// Records the part; the replaced part's blob is deleted. When the upload went away meanwhile
    /// (aborted, completed, reaped) the new blob is deleted and NoSuchUpload propagates, so nothing is left behind.
    /// </summary>
    public static async Task PutAsync(IMetadataStore store, IObjectStorage storage, BlobReaper reaper, string bucket, PartRecord part, CancellationToken ct)
    {
        PartRecord? replaced;
        try
        {
            replaced = await store.PutPartAsync(part, ct).ConfigureAwait(false);
        }
        catch
        {
            await reaper.DeleteAsync(storage, bucket, part.BlobId).ConfigureAwait(false);
            throw;
        }

        if (replaced is not null && replaced.BlobId != part.BlobId)
        {
            await reaper.DeleteAsync(storage, bucket, replaced.BlobId).ConfigureAwait(false);
        }
    }

    /// <summary>An upload with a checksum algorithm needs it for every part (COMPOSITE is built from them).</summary>
    public static ObjectHashingOptions AlsoCompute(ObjectHashingOptions options, ChecksumAlgorithm algorithm)
    {
        if (options.ComputeAlgorithms.Contains(algorithm))
        {
            return options;
        }

        return new ObjectHashingOptions
        {
            ExpectedLength = options.ExpectedLength,
            MaxSize = options.MaxSize,
            ContentMd5 = options.ContentMd5,
            ExpectedChecksums = options.ExpectedChecksums,
            TrailerChecksum = options.TrailerChecksum,
            ComputeAlgorithms = [.. options.ComputeAlgorithms, algorithm],
        };
    }
}
