using BleepStore.Application.Abstractions;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Objects;

namespace BleepStore.Infrastructure.Metadata.Memory;

/// <summary>Object lock with the SQLite store's rules: every check and change under the store lock.</summary>
public sealed partial class MemoryMetadataStore
{
    public Task<BucketObjectLockOutcome> SetBucketObjectLockAsync(string name, ObjectLockConfiguration configuration, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<BucketObjectLockOutcome>(ct);
        }

        lock (_gate)
        {
            if (!_buckets.TryGetValue(name, out var bucket))
            {
                return Task.FromResult(BucketObjectLockOutcome.NoSuchBucket);
            }

            if (bucket.Row.Versioning != VersionIds.Enabled)
            {
                return Task.FromResult(BucketObjectLockOutcome.VersioningNotEnabled);
            }

            bucket.Row = bucket.Row with { ObjectLock = configuration };
            return Task.FromResult(BucketObjectLockOutcome.Done);
        }
    }

    public Task<(ObjectLockChangeOutcome Outcome, ObjectLockVerdict Verdict)> SetObjectLockAsync(
        string bucket, string key, string? versionId, ObjectLockChange change, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<(ObjectLockChangeOutcome, ObjectLockVerdict)>(ct);
        }

        lock (_gate)
        {
            if (!_buckets.TryGetValue(bucket, out var b))
            {
                return Task.FromResult((ObjectLockChangeOutcome.NotFound, ObjectLockVerdict.Allowed));
            }

            (ObjectRecord? Row, List<ObjectRecord>? List, int Index) found = versionId is null
                ? (b.Objects.Get(key), null, -1)
                : Find(b, key, VersionIds.ToStored(versionId));
            var (row, list, index) = found;
            if (row is null)
            {
                return Task.FromResult((ObjectLockChangeOutcome.NotFound, ObjectLockVerdict.Allowed));
            }

            if (row.IsDeleteMarker)
            {
                return Task.FromResult((ObjectLockChangeOutcome.DeleteMarker, ObjectLockVerdict.Allowed));
            }

            var retention = row.Retention;
            if (change.SetsRetention)
            {
                var verdict = ObjectLockRules.MayChangeRetention(retention, change.Retention, change.Guard.Now, change.Guard.BypassGovernance);
                if (verdict != ObjectLockVerdict.Allowed)
                {
                    return Task.FromResult((ObjectLockChangeOutcome.Denied, verdict));
                }

                retention = MemoryRows.Stored(change.Retention);
            }

            var updated = row with { Retention = retention, LegalHold = change.LegalHold ?? row.LegalHold };
            if (list is null)
            {
                b.Objects.Set(updated);
            }
            else
            {
                list[index] = updated;
            }

            return Task.FromResult((ObjectLockChangeOutcome.Done, ObjectLockVerdict.Allowed));
        }
    }
}
