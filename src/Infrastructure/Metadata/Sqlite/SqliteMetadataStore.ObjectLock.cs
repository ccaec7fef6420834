using BleepStore.Application.Abstractions;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Objects;
using Dapper;

namespace BleepStore.Infrastructure.Metadata.Sqlite;

/// <summary>
/// Object lock (docs/object-lock.md): the configuration in <c>buckets.object_lock</c>, each version's retention and
/// legal hold in its row's <c>object_lock</c>. Changes are one transaction on the writer thread that reads the state,
/// asks <see cref="ObjectLockRules"/> and writes, so no concurrent request can slip between the check and the write.
/// </summary>
public sealed partial class SqliteMetadataStore
{
    public Task<BucketObjectLockOutcome> SetBucketObjectLockAsync(string name, ObjectLockConfiguration configuration, CancellationToken ct) =>
        WriteBucketAsync(name, _db.WriteAsync(new { json = ObjectLockJson.WriteBucket(configuration), name }, static (c, tx, p) =>
        {
            if (c.Execute("UPDATE buckets SET object_lock = @json WHERE name = @name AND versioning = 'Enabled'", p, tx) > 0)
            {
                return BucketObjectLockOutcome.Done;
            }

            return c.ExecuteScalar<long>("SELECT COUNT(*) FROM buckets WHERE name = @name", p, tx) == 0
                ? BucketObjectLockOutcome.NoSuchBucket
                : BucketObjectLockOutcome.VersioningNotEnabled;
        }, ct));

    public Task<(ObjectLockChangeOutcome Outcome, ObjectLockVerdict Verdict)> SetObjectLockAsync(
        string bucket, string key, string? versionId, ObjectLockChange change, CancellationToken ct) =>
        WriteObjectAsync(bucket, key, _db.WriteAsync((bucket, key, versionId, change), static (c, tx, s) =>
        {
            var stored = s.versionId is null ? null : VersionIds.ToStored(s.versionId);
            var current = s.versionId is null
                ? QueryEntry(c, tx, SelectCurrentEntry, s.bucket, s.key)
                : QueryEntry(c, tx, SelectCurrentByVersion, s.bucket, s.key, stored, withVersion: true);
            var entry = current ?? (s.versionId is null ? null : QueryEntry(c, tx, SelectVersionById, s.bucket, s.key, stored, withVersion: true));
            if (entry is null)
            {
                return (ObjectLockChangeOutcome.NotFound, ObjectLockVerdict.Allowed);
            }

            if (entry.Record.IsDeleteMarker)
            {
                return (ObjectLockChangeOutcome.DeleteMarker, ObjectLockVerdict.Allowed);
            }

            var retention = entry.Record.Retention;
            if (s.change.SetsRetention)
            {
                var verdict = ObjectLockRules.MayChangeRetention(retention, s.change.Retention, s.change.Guard.Now, s.change.Guard.BypassGovernance);
                if (verdict != ObjectLockVerdict.Allowed)
                {
                    return (ObjectLockChangeOutcome.Denied, verdict);
                }

                retention = s.change.Retention;
            }

            var json = ObjectLockJson.Write(retention, s.change.LegalHold ?? entry.Record.LegalHold);
            if (current is not null)
            {
                c.Execute("UPDATE objects SET object_lock = @json WHERE bucket = @bucket AND key = @key", new { json, s.bucket, s.key }, tx);
            }
            else
            {
                c.Execute("UPDATE object_versions SET object_lock = @json WHERE bucket = @bucket AND key = @key AND seq = @seq", new { json, s.bucket, s.key, seq = entry.Seq }, tx);
            }

            return (ObjectLockChangeOutcome.Done, ObjectLockVerdict.Allowed);
        }, ct));
}
