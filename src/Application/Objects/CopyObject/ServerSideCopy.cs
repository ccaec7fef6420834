using BleepStore.Application.Abstractions;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Objects.CopyObject;

/// <summary>
/// CopyObject without moving the bytes through this process: the storage backend copies the blob
/// (a gateway uses the upstream's server-side copy) and the copy keeps the source's ETag and checksums.
/// </summary>
internal static class ServerSideCopy
{
    /// <summary>
    /// Only a single-PUT source stored as a blob qualifies: its ETag and checksums are those of its whole
    /// bytes already. A multipart source's ETag is not an MD5, and small copies are inlined instead.
    /// </summary>
    public static bool Applies(ObjectRecord src, int inlineThreshold) =>
        src.InlineData is null && src.BlobId.Length > 0 && src.PartsCount == 0 && src.Size > inlineThreshold;

    public static async Task<(StoredBytes Bytes, string ETag, IReadOnlyList<ChecksumValue> Checksums)> CopyAsync(
        IObjectStorage storage, BlobReaper reaper, ObjectRecord src, string bucket, CancellationToken ct)
    {
        // A missing source (BlobNotFoundException) goes to the handler, which reads the source's row again.
        var blob = await storage.CopyAsync(src.Bucket, src.BlobId, bucket, ct).ConfigureAwait(false);
        var bytes = new StoredBytes(blob.BlobId, null, blob.Size);
        if (blob.Size != src.Size)
        {
            // The row would claim the source's ETag for other bytes: never commit that.
            await reaper.ReleaseAsync(storage, bucket, bytes).ConfigureAwait(false);
            throw new S3Exception(S3Errors.InternalError, "The copied data does not match the source object's size.");
        }

        return (bytes, src.ETag, src.Checksums);
    }
}
