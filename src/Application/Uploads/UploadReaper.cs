using BleepStore.Application.Abstractions;
using BleepStore.Application.Objects;
using Microsoft.Extensions.Logging;

namespace BleepStore.Application.Uploads;

/// <summary>
/// Aborts uploads older than their lifetime and deletes their part data (spec 30 "Reaping"). The host
/// runs it at start-up and periodically; clients that never abort leave nothing behind for long.
/// </summary>
public sealed class UploadReaper(IMetadataStore store, IObjectStorage storage, IClock clock, BlobReaper reaper, ILogger<UploadReaper> logger)
{
    public const int BatchSize = 100;

    public static TimeSpan DefaultMaxAge => MultipartLimits.UploadLifetime;

    /// <summary>Aborts every upload initiated before now − <paramref name="maxAge"/>; returns how many.</summary>
    public async Task<int> ReapAsync(TimeSpan maxAge, CancellationToken ct)
    {
        var cutoff = clock.UtcNow - maxAge;
        var reaped = 0;
        while (true)
        {
            var ids = await store.ListUploadsInitiatedBeforeAsync(cutoff, BatchSize, ct).ConfigureAwait(false);
            var progress = 0;
            foreach (var id in ids)
            {
                var upload = await store.GetUploadAsync(id, ct).ConfigureAwait(false);
                var parts = await store.AbortUploadAsync(id, ct).ConfigureAwait(false);
                if (upload is null || parts is null)
                {
                    // Completed or aborted by a client meanwhile; whoever removed it deletes its parts.
                    continue;
                }

                progress++;
                foreach (var part in parts)
                {
                    await reaper.DeleteAsync(storage, upload.Bucket, part.BlobId).ConfigureAwait(false);
                }
            }

            reaped += progress;
            if (ids.Count < BatchSize || progress == 0)
            {
                break;
            }
        }

        if (reaped > 0)
        {
            logger.LogInformation("Reaped {Count} multipart uploads initiated before {Cutoff:O}", reaped, cutoff);
        }

        return reaped;
    }
}
