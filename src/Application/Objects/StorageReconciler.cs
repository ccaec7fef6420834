using BleepStore.Application.Abstractions;
using Microsoft.Extensions.Logging;

namespace BleepStore.Application.Objects;

/// <summary>
/// Keeps rows and blobs consistent across crashes and restarts, both ways: rows whose blobs a volatile backend
/// lost are removed at start-up (no object is listed whose bytes are gone), and blobs that no row names (a crash
/// between a blob's write and its metadata commit) are deleted once older than a grace period, so a blob that an
/// in-flight write is about to commit is never touched: every write makes a fresh blob and commits right after.
/// </summary>
public sealed partial class StorageReconciler(IMetadataStore store, IObjectStorage storage, BlobReaper reaper, IClock clock, ILogger<StorageReconciler> logger, KeyPublisher? keys = null)
{
    private const int PageSize = 1000;
    private const int MaxParts = 10_000;
    private const int MaxUploads = 1_000_000;

    public static TimeSpan DefaultGrace => TimeSpan.FromHours(1);

    /// <summary>
    /// For backends that lose blobs at restart; runs before the server serves. Objects whose blob is gone are
    /// deleted; uploads with a part whose blob is gone are aborted (their other parts deleted). Returns how many.
    /// </summary>
    public async Task<int> DropRowsWithoutBytesAsync(CancellationToken ct)
    {
        var removed = 0;
        foreach (var bucket in await store.ListBucketsAsync(null, ct).ConfigureAwait(false))
        {
            var present = await BlobsOfAsync(bucket.Name, ct).ConfigureAwait(false);
            await foreach (var row in ObjectRowsAsync(bucket.Name, ct).ConfigureAwait(false))
            {
                if (row.InlineData is null && row.BlobId.Length > 0 && !present.ContainsKey(row.BlobId))
                {
                    await store.DeleteObjectAsync(row.Bucket, row.Key, ct).ConfigureAwait(false);
                    LogRowDropped(logger, row.Bucket, row.Key);
                    removed++;
                }
            }

            // Noncurrent versions (decision 0014) whose bytes are gone go too, each for good.
            if (bucket.Versioning is not null)
            {
                await foreach (var entry in VersionsAsync(bucket.Name, ct).ConfigureAwait(false))
                {
                    if (!entry.IsDeleteMarker && entry.BlobId.Length > 0 && !present.ContainsKey(entry.BlobId))
                    {
                        await store.DeleteVersionAsync(entry.Bucket, entry.Key, Domain.Objects.VersionIds.ToWire(entry.VersionId), ct).ConfigureAwait(false);
                        LogRowDropped(logger, entry.Bucket, entry.Key);
                        removed++;
                    }
                }
            }

            foreach (var upload in await store.ListUploadsAsync(bucket.Name, "", null, null, MaxUploads, ct).ConfigureAwait(false))
            {
                var parts = await store.ListPartsAsync(upload.UploadId, 0, MaxParts, ct).ConfigureAwait(false);
                if (parts.Any(p => !present.ContainsKey(p.BlobId)) && await AbortWithPartsAsync(bucket.Name, upload.UploadId, ct).ConfigureAwait(false))
                {
                    LogUploadDropped(logger, upload.Bucket, upload.Key, upload.UploadId);
                    removed++;
                }
            }
        }

        return removed;
    }

    /// <summary>
    /// On a key-named gateway (decision 0010): publishes every current row that still names a staging blob under the
    /// key's upstream name, and returns how many. Such a row is left by a crash (or an upstream failure) after the row's
    /// commit and before its key was claimed for publication, where no claim records it. Start-up on one node runs it
    /// over every row (no write is in flight then); the orphan sweep publishes only rows older than its grace.
    /// </summary>
    public async Task<int> PublishStagedRowsAsync(CancellationToken ct)
    {
        if (keys is not { Enabled: true })
        {
            return 0;
        }

        var published = 0;
        foreach (var bucket in await store.ListBucketsAsync(null, ct).ConfigureAwait(false))
        {
            var staged = new List<string>();
            await foreach (var row in ObjectRowsAsync(bucket.Name, ct).ConfigureAwait(false))
            {
                if (NamesStagingBlob(row))
                {
                    staged.Add(row.Key);
                }
            }

            foreach (var key in staged)
            {
                await keys.SyncAsync(bucket.Name, key, ct).ConfigureAwait(false);
                published++;
            }
        }

        return published;
    }

    private bool NamesStagingBlob(Domain.Objects.ObjectRecord row) =>
        row is { InlineData: null, BlobId.Length: > 0 } && keys!.KeyOf(row.BlobId) is null;

    /// <summary>
    /// Deletes blobs older than <paramref name="grace"/> that no object or part row names; returns how many. On a
    /// key-named gateway (decision 0010) it first takes over expired key claims and publishes rows still naming a
    /// staging blob older than the grace (a crash or an upstream failure between their commit and publication).
    /// </summary>
    public async Task<int> SweepOrphansAsync(TimeSpan grace, CancellationToken ct)
    {
        var cutoff = clock.UtcNow - grace;
        var deleted = 0;
        if (keys is { Enabled: true })
        {
            await keys.ReconcileClaimsAsync(KeyPublisher.ClaimLease, ct).ConfigureAwait(false);
        }

        foreach (var bucket in await store.ListBucketsAsync(null, ct).ConfigureAwait(false))
        {
            // Names first, blobs second: a blob listed afterwards but named by a row committed meanwhile is young.
            var named = new HashSet<string>(StringComparer.Ordinal);
            var staged = new List<string>();
            await foreach (var row in ObjectRowsAsync(bucket.Name, ct).ConfigureAwait(false))
            {
                named.Add(row.BlobId);
                if (keys is { Enabled: true } && row.LastModified < cutoff && NamesStagingBlob(row))
                {
                    staged.Add(row.Key);
                }
            }

            foreach (var key in staged)
            {
                await keys!.SyncAsync(bucket.Name, key, ct).ConfigureAwait(false);
            }

            // Noncurrent versions name their blobs too (decision 0014): history is never an orphan.
            if (bucket.Versioning is not null)
            {
                await foreach (var entry in VersionsAsync(bucket.Name, ct).ConfigureAwait(false))
                {
                    named.Add(entry.BlobId);
                }
            }

            foreach (var upload in await store.ListUploadsAsync(bucket.Name, "", null, null, MaxUploads, ct).ConfigureAwait(false))
            {
                foreach (var part in await store.ListPartsAsync(upload.UploadId, 0, MaxParts, ct).ConfigureAwait(false))
                {
                    named.Add(part.BlobId);
                }
            }

            var orphans = new List<string>();
            await foreach (var blob in storage.ListBlobsAsync(bucket.Name, ct).ConfigureAwait(false))
            {
                if (blob.WrittenAt < cutoff && !named.Contains(blob.BlobId))
                {
                    orphans.Add(blob.BlobId);
                }
            }

            foreach (var id in orphans)
            {
                await reaper.DeleteAsync(storage, bucket.Name, id).ConfigureAwait(false);
            }

            if (orphans.Count > 0)
            {
                LogOrphansDeleted(logger, orphans.Count, bucket.Name);
            }

            deleted += orphans.Count;
        }

        return deleted;
    }

    /// <summary>Full rows (listing entries leave the blob id out), page by page in key order.</summary>
    private async IAsyncEnumerable<Domain.Objects.ObjectRecord> ObjectRowsAsync(string bucket, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? from = null;
        while (true)
        {
            var page = await store.ListObjectsAsync(bucket, "", from, false, PageSize, ct).ConfigureAwait(false);
            foreach (var entry in page)
            {
                if (await store.GetObjectAsync(bucket, entry.Key, ct).ConfigureAwait(false) is { } row)
                {
                    yield return row;
                }
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            from = page[^1].Key;
        }
    }

    /// <summary>Every version and delete marker of the bucket, page by page (entries carry their blob ids).</summary>
    private async IAsyncEnumerable<Domain.Objects.ObjectRecord> VersionsAsync(string bucket, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? fromKey = null, afterVersion = null;
        while (true)
        {
            var page = await store.ListObjectVersionsAsync(bucket, "", fromKey, false, afterVersion, PageSize, ct).ConfigureAwait(false);
            foreach (var entry in page)
            {
                yield return entry.Record;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            fromKey = page[^1].Record.Key;
            afterVersion = Domain.Objects.VersionIds.ToWire(page[^1].Record.VersionId);
        }
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "Object {Bucket}/{Key} removed: its bytes did not survive the restart")]
    private static partial void LogRowDropped(ILogger logger, string bucket, string key);

    [LoggerMessage(EventId = 311, Level = LogLevel.Warning, Message = "Upload {UploadId} of {Bucket}/{Key} aborted: a part's bytes did not survive the restart")]
    private static partial void LogUploadDropped(ILogger logger, string bucket, string key, string uploadId);

    [LoggerMessage(EventId = 312, Level = LogLevel.Information, Message = "Deleted {Count} orphaned blobs of bucket {Bucket}")]
    private static partial void LogOrphansDeleted(ILogger logger, int count, string bucket);
}
