using BleepStore.Application.Abstractions;
using BleepStore.Application.Objects;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Lifecycle;
using BleepStore.Domain.Objects;
using Microsoft.Extensions.Logging;

namespace BleepStore.Application.Lifecycle;

/// <summary>
/// Applies every bucket's lifecycle rules (docs/lifecycle.md): one pass walks each bucket with rules in listing pages
/// of <see cref="LifecycleOptions.BatchSize"/> and makes each due deletion its own committed metadata change through
/// <see cref="LifecycleDeletions"/>, so requests interleave with it and a crash loses nothing: it keeps no progress of
/// its own, the next pass finds whatever is still due.
/// </summary>
public sealed partial class LifecycleWorker
{
    private readonly IMetadataStore _store;
    private readonly IClock _clock;
    private readonly LifecycleOptions _options;
    private readonly LifecycleDeletions _deletions;
    private readonly ILogger<LifecycleWorker> _logger;

    public LifecycleWorker(IMetadataStore store, IObjectStorage storage, IClock clock, BlobReaper reaper, LifecycleOptions options, ILogger<LifecycleWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _clock = clock;
        _options = options;
        _deletions = new LifecycleDeletions(store, storage, reaper);
        _logger = logger;
    }

    /// <summary>One pass over every bucket that has enabled rules.</summary>
    public async Task<LifecycleRun> RunAsync(CancellationToken ct)
    {
        var run = new Counts();
        foreach (var bucket in await _store.ListBucketsAsync(null, ct).ConfigureAwait(false))
        {
            if (bucket.Lifecycle is not { } rules || !rules.Any(r => r.Enabled))
            {
                continue;
            }

            try
            {
                await ApplyAsync(bucket, [.. rules.Where(r => r.Enabled)], run, ct).ConfigureAwait(false);
            }
            catch (Domain.Errors.S3Exception e) when (e.Error.Code == "NoSuchBucket")
            {
                // Deleted meanwhile: nothing left to expire.
            }
        }

        var result = new LifecycleRun(run.Expired, run.Noncurrent, run.Markers, run.Uploads, run.Locked);
        if (result.Total > 0 || result.Locked > 0)
        {
            LogRun(_logger, result.Expired, result.NoncurrentRemoved, result.MarkersRemoved, result.UploadsAborted, result.Locked);
        }

        return result;
    }

    private async Task ApplyAsync(Bucket bucket, LifecycleRule[] rules, Counts run, CancellationToken ct)
    {
        if (rules.Any(r => r.Expiration is not null || r.NoncurrentExpiration is not null))
        {
            if (bucket.Versioning is null)
            {
                await ExpireUnversionedAsync(bucket, rules, run, ct).ConfigureAwait(false);
            }
            else
            {
                await ExpireVersionsAsync(bucket, rules, run, ct).ConfigureAwait(false);
            }
        }

        if (rules.Any(r => r.AbortIncompleteUploadDays is not null))
        {
            await AbortUploadsAsync(bucket, rules, run, ct).ConfigureAwait(false);
        }
    }

    private async Task ExpireUnversionedAsync(Bucket bucket, LifecycleRule[] rules, Counts run, CancellationToken ct)
    {
        string? after = null;
        while (true)
        {
            var page = await _store.ListObjectsAsync(bucket.Name, "", after, false, _options.BatchSize, ct).ConfigureAwait(false);
            foreach (var entry in page)
            {
                if (await CurrentDueAsync(bucket, rules, entry, ct).ConfigureAwait(false) && await _deletions.ExpireCurrentAsync(bucket, entry, _clock.UtcNow, ct).ConfigureAwait(false))
                {
                    run.Expired++;
                }
            }

            if (page.Count < _options.BatchSize)
            {
                return;
            }

            after = page[^1].Key;
            await Task.Yield();
        }
    }

    /// <summary>
    /// Versions in key order, newest first per key. Each page is decided before the next is read and acted on after it,
    /// so the listing cursor (the page's last entry) still exists when the next page is asked for.
    /// </summary>
    private async Task ExpireVersionsAsync(Bucket bucket, LifecycleRule[] rules, Counts run, CancellationToken ct)
    {
        var walk = new VersionWalk();
        var page = await _store.ListObjectVersionsAsync(bucket.Name, "", null, false, null, _options.BatchSize, ct).ConfigureAwait(false);
        while (true)
        {
            var actions = new List<(ObjectRecord Entry, VersionAction Action)>();
            foreach (var entry in page)
            {
                await DecideAsync(bucket, rules, walk, entry.Record, actions, ct).ConfigureAwait(false);
            }

            IReadOnlyList<ObjectVersion>? next = null;
            if (page.Count >= _options.BatchSize)
            {
                var last = page[^1].Record;
                next = await _store.ListObjectVersionsAsync(bucket.Name, "", last.Key, false, VersionIds.ToWire(last.VersionId), _options.BatchSize, ct).ConfigureAwait(false);
            }
            else if (walk.TakePendingMarker() is { } marker)
            {
                actions.Add((marker, VersionAction.RemoveMarker));
            }

            await ActAsync(bucket, actions, run, ct).ConfigureAwait(false);
            if (next is null)
            {
                return;
            }

            page = next;
            await Task.Yield();
        }
    }

    private async Task DecideAsync(Bucket bucket, LifecycleRule[] rules, VersionWalk walk, ObjectRecord entry, List<(ObjectRecord, VersionAction)> actions, CancellationToken ct)
    {
        var now = _clock.UtcNow;
        if (entry.Key != walk.Key)
        {
            // A new key: a latest marker left pending goes if nothing followed it.
            if (walk.TakePendingMarker() is { } lone)
            {
                actions.Add((lone, VersionAction.RemoveMarker));
            }

            walk.Start(entry);
            if (entry.IsDeleteMarker)
            {
                if (MarkerDue(rules, entry, now))
                {
                    walk.PendingMarker = entry;
                }
            }
            else if (await CurrentDueAsync(bucket, rules, entry, ct).ConfigureAwait(false))
            {
                actions.Add((entry, VersionAction.ExpireCurrent));
            }

            return;
        }

        walk.PendingMarker = null;
        var since = walk.Previous!.LastModified;
        walk.Previous = entry;
        if (entry.IsDeleteMarker)
        {
            return;
        }

        walk.Noncurrent++;
        if (await NoncurrentDueAsync(bucket, rules, entry, since, walk.Noncurrent, now, ct).ConfigureAwait(false))
        {
            actions.Add((entry, VersionAction.RemoveNoncurrent));
        }
    }

    private async Task ActAsync(Bucket bucket, List<(ObjectRecord Entry, VersionAction Action)> actions, Counts run, CancellationToken ct)
    {
        foreach (var (entry, action) in actions)
        {
            switch (action)
            {
                case VersionAction.ExpireCurrent when await _deletions.ExpireCurrentAsync(bucket, entry, _clock.UtcNow, ct).ConfigureAwait(false):
                    run.Expired++;
                    break;
                case VersionAction.RemoveNoncurrent:
                    var locked = await _deletions.ExpireNoncurrentAsync(bucket, entry, _clock.UtcNow, ct).ConfigureAwait(false);
                    if (locked == ObjectLockVerdict.Allowed)
                    {
                        run.Noncurrent++;
                    }
                    else if (locked is not null)
                    {
                        run.Locked++;
                    }

                    break;
                case VersionAction.RemoveMarker when await _deletions.ExpireMarkerAsync(bucket, entry, ct).ConfigureAwait(false):
                    run.Markers++;
                    break;
            }
        }
    }

    private async Task AbortUploadsAsync(Bucket bucket, LifecycleRule[] rules, Counts run, CancellationToken ct)
    {
        string? keyMarker = null, idMarker = null;
        while (true)
        {
            var page = await _store.ListUploadsAsync(bucket.Name, "", keyMarker, idMarker, _options.BatchSize, ct).ConfigureAwait(false);
            var due = new List<string>();
            foreach (var upload in page)
            {
                foreach (var rule in rules)
                {
                    if (rule.AbortIncompleteUploadDays is { } days && rule.Filter.MatchesKeyAndSize(upload.Key, 0) && rule.Filter.ObjectSizeLessThan is null
                        && LifecycleConfiguration.AfterDays(upload.Initiated, days, _options.DayLength) <= _clock.UtcNow)
                    {
                        due.Add(upload.UploadId);
                        break;
                    }
                }
            }

            foreach (var id in due)
            {
                if (await _deletions.AbortUploadAsync(bucket, id, ct).ConfigureAwait(false))
                {
                    run.Uploads++;
                }
            }

            if (page.Count < _options.BatchSize)
            {
                return;
            }

            (keyMarker, idMarker) = (page[^1].Key, page[^1].UploadId);
            await Task.Yield();
        }
    }

    /// <summary>Whether an Expiration rule makes the current object <paramref name="entry"/> due now (its tags read only when a tag rule could decide).</summary>
    private async Task<bool> CurrentDueAsync(Bucket bucket, LifecycleRule[] rules, ObjectRecord entry, CancellationToken ct)
    {
        var now = _clock.UtcNow;
        IReadOnlyList<Domain.Tagging.Tag>? tags = null;
        foreach (var rule in rules)
        {
            if (rule.Expiration is not { } expiration || !rule.Filter.MatchesKeyAndSize(entry.Key, entry.Size)
                || LifecycleConfiguration.CurrentExpiry(expiration, entry.LastModified, _options.DayLength) is not { } at || at > now)
            {
                continue;
            }

            if (rule.Filter.HasTags)
            {
                tags ??= await TagsAsync(bucket, entry, ct).ConfigureAwait(false);
                if (tags is null || !rule.Filter.MatchesTags(tags))
                {
                    continue;
                }
            }

            return true;
        }

        return false;
    }

    private async Task<bool> NoncurrentDueAsync(Bucket bucket, LifecycleRule[] rules, ObjectRecord entry, DateTimeOffset since, int newerNoncurrent, DateTimeOffset now, CancellationToken ct)
    {
        IReadOnlyList<Domain.Tagging.Tag>? tags = null;
        foreach (var rule in rules)
        {
            if (rule.NoncurrentExpiration is not { } noncurrent || !rule.Filter.MatchesKeyAndSize(entry.Key, entry.Size)
                || newerNoncurrent <= (noncurrent.NewerNoncurrentVersions ?? 0)
                || LifecycleConfiguration.NoncurrentExpiry(noncurrent, since, _options.DayLength) > now)
            {
                continue;
            }

            if (rule.Filter.HasTags)
            {
                tags ??= await TagsAsync(bucket, entry, ct).ConfigureAwait(false);
                if (tags is null || !rule.Filter.MatchesTags(tags))
                {
                    continue;
                }
            }

            return true;
        }

        return false;
    }

    private bool MarkerDue(LifecycleRule[] rules, ObjectRecord marker, DateTimeOffset now)
    {
        foreach (var rule in rules)
        {
            // Markers have no tags and no size: a rule with a tag or size condition never matches one (as S3).
            if (rule.Expiration is { } expiration && !rule.Filter.HasTags && !rule.Filter.HasSize && rule.Filter.MatchesKeyAndSize(marker.Key, 0)
                && LifecycleConfiguration.MarkerExpiry(expiration, marker.LastModified, _options.DayLength) is { } at && at <= now)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A listing entry carries no tags: the version's own row does (null when it is gone meanwhile).</summary>
    private async Task<IReadOnlyList<Domain.Tagging.Tag>?> TagsAsync(Bucket bucket, ObjectRecord entry, CancellationToken ct)
    {
        var row = bucket.Versioning is null
            ? await _store.GetObjectAsync(bucket.Name, entry.Key, ct).ConfigureAwait(false)
            : await _store.GetObjectVersionAsync(bucket.Name, entry.Key, VersionIds.ToWire(entry.VersionId), ct).ConfigureAwait(false);
        return row?.Tags;
    }

    [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "Lifecycle: {expired} objects expired, {noncurrent} noncurrent versions and {markers} delete markers removed, {uploads} uploads aborted, {locked} kept by object lock")]
    private static partial void LogRun(ILogger logger, int expired, int noncurrent, int markers, int uploads, int locked);

    private enum VersionAction
    {
        ExpireCurrent,
        RemoveNoncurrent,
        RemoveMarker,
    }

    private sealed class Counts
    {
        public int Expired;
        public int Noncurrent;
        public int Markers;
        public int Uploads;
        public int Locked;
    }

    /// <summary>Where the walk is within a key: its newest entry seen, how many noncurrent versions so far, a latest marker waiting to be found alone.</summary>
    private sealed class VersionWalk
    {
        public string? Key { get; private set; }

        public ObjectRecord? Previous { get; set; }

        public int Noncurrent { get; set; }

        public ObjectRecord? PendingMarker { get; set; }

        public void Start(ObjectRecord entry)
        {
            Key = entry.Key;
            Previous = entry;
            Noncurrent = 0;
            PendingMarker = null;
        }

        public ObjectRecord? TakePendingMarker()
        {
            var marker = PendingMarker;
            PendingMarker = null;
            return marker;
        }
    }
}
