using BleepStore.Application.Abstractions;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Objects;
using BleepStore.Infrastructure.Metadata.Sqlite;

namespace BleepStore.Infrastructure.Metadata.Postgres;

/// <summary>
/// Object lock (docs/object-lock.md), the port of SqliteMetadataStore.ObjectLock: a change reads the state, asks
/// <see cref="ObjectLockRules"/> and writes in one transaction under the key's advisory lock, so no concurrent
/// request on any node slips between the check and the write.
/// </summary>
public sealed partial class PostgresMetadataStore
{
    public Task<BucketObjectLockOutcome> SetBucketObjectLockAsync(string name, ObjectLockConfiguration configuration, CancellationToken ct) =>
        WriteBucketAsync(name, (json: ObjectLockJson.WriteBucket(configuration), name), static async (c, tx, s) =>
        {
            if (await PostgresRows.ExecuteAsync(c.Command(tx, "UPDATE buckets SET object_lock = @json WHERE name = @name AND versioning = 'Enabled'")
                    .Set("json", s.json).Set("name", s.name)).ConfigureAwait(false) > 0)
            {
                return BucketObjectLockOutcome.Done;
            }

            await using var command = c.Command(tx, "SELECT EXISTS (SELECT 1 FROM buckets WHERE name = @name)").Set("name", s.name);
            return (bool)(await command.ExecuteScalarAsync().ConfigureAwait(false))!
                ? BucketObjectLockOutcome.VersioningNotEnabled
                : BucketObjectLockOutcome.NoSuchBucket;
        }, ct);

    public Task<(ObjectLockChangeOutcome Outcome, ObjectLockVerdict Verdict)> SetObjectLockAsync(
        string bucket, string key, string? versionId, ObjectLockChange change, CancellationToken ct) =>
        WriteAsync((bucket, key, versionId, change), static async (c, tx, s) =>
        {
            await LockKeyAsync(c, tx, s.bucket, s.key).ConfigureAwait(false);
            var stored = s.versionId is null ? null : VersionIds.ToStored(s.versionId);
            var current = s.versionId is null
                ? await QueryEntryAsync(c, tx, SelectCurrentEntry, s.bucket, s.key).ConfigureAwait(false)
                : await QueryEntryAsync(c, tx, SelectCurrentByVersion, s.bucket, s.key, stored, withVersion: true).ConfigureAwait(false);
            var entry = current ?? (s.versionId is null ? null : await QueryEntryAsync(c, tx, SelectVersionById, s.bucket, s.key, stored, withVersion: true).ConfigureAwait(false));
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
                await PostgresRows.ExecuteAsync(c.Command(tx, "UPDATE objects SET object_lock = @json WHERE bucket = @bucket AND key = @key")
                    .Set("json", json).Set("bucket", s.bucket).SetKey(s.key)).ConfigureAwait(false);
            }
            else
            {
                await PostgresRows.ExecuteAsync(c.Command(tx, "UPDATE object_versions SET object_lock = @json WHERE bucket = @bucket AND key = @key AND seq = @seq")
                    .Set("json", json).Set("bucket", s.bucket).SetKey(s.key).Set("seq", entry.Seq)).ConfigureAwait(false);
            }

            return (ObjectLockChangeOutcome.Done, ObjectLockVerdict.Allowed);
        }, ct);

    public Task<VersionDelete> DeleteVersionAsync(string bucket, string key, string versionId, ObjectLockGuard guard, CancellationToken ct) =>
        WriteAsync((bucket, key, versionId, guard), static async (c, tx, s) =>
        {
            await LockKeyAsync(c, tx, s.bucket, s.key).ConfigureAwait(false);
            return await DeleteVersionInTransactionAsync(c, tx, s.bucket, s.key, s.versionId, s.guard).ConfigureAwait(false);
        }, ct);
}
