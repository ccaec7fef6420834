using Microsoft.Extensions.Logging;
using BleepStore.Application.Abstractions;

namespace BleepStore.Application.Objects;

/// <summary>
/// Deletes blobs that no row points to any more. A failure here only leaves an orphan (harmless,
/// reclaimable), so it is logged and never fails the request that caused it.
/// </summary>
public sealed class BlobReaper(ILogger<BlobReaper> logger, KeyPublisher? keys = null)
{
    public async Task DeleteAsync(IObjectStorage storage, string bucket, string blobId)
    {
        if (keys?.KeyOf(blobId) is { } key)
        {
            // A key-named object is never simply deleted: a newer row may name the same upstream name already.
            await keys.SyncAsync(bucket, key, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        try
        {
            await storage.DeleteAsync(bucket, blobId, CancellationToken.None).ConfigureAwait(false);
        }
        // S3Exception: a gateway's upstream refused or was unreachable (SlowDown, ServiceUnavailable).
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or Domain.Errors.S3Exception)
        {
            logger.LogWarning(ex, "Could not delete blob {BlobId} of bucket {Bucket}; it is now an orphan", blobId, bucket);
        }
    }
}
