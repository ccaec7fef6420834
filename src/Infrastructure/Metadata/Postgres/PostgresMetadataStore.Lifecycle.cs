using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Infrastructure.Metadata.Sqlite;

namespace BleepStore.Infrastructure.Metadata.Postgres;

/// <summary>
/// Lifecycle expiration, the port of SqliteMetadataStore.Lifecycle: each delete takes the key's advisory lock, re-reads
/// the entry in its own transaction and acts only if it is unchanged.
/// </summary>
public sealed partial class PostgresMetadataStore
{
    public Task<VersionDelete?> ExpireCurrentAsync(string bucket, string key, string? versionId, DateTimeOffset lastModified, Owner owner, DateTimeOffset at, CancellationToken ct)
    {
        var acl = MetadataJson.WriteAcl(AccessControlList.Private(owner));
        return WriteAsync((bucket, key, versionId, lastModified, acl, at: Timestamps.ToText(at)), static async (c, tx, s) =>
        {
            var state = await ReadBucketForWriteAsync(c, tx, s.bucket, s.key).ConfigureAwait(false);
            var current = await QueryEntryAsync(c, tx, SelectCurrentEntry, s.bucket, s.key).ConfigureAwait(false);
            if (current is null || current.Record.VersionId != s.versionId || current.Record.LastModified != s.lastModified)
            {
                return null;
            }

            return (VersionDelete?)await DeleteCurrentInTransactionAsync(c, tx, state, s.bucket, s.key, s.acl, s.at).ConfigureAwait(false);
        }, ct);
    }

    public Task<VersionDelete?> ExpireNoncurrentAsync(string bucket, string key, string? versionId, DateTimeOffset lastModified, ObjectLockGuard guard, CancellationToken ct) =>
        WriteAsync((bucket, key, versionId, lastModified, guard), static async (c, tx, s) =>
        {
            await LockKeyAsync(c, tx, s.bucket, s.key).ConfigureAwait(false);
            var old = await QueryEntryAsync(c, tx, SelectVersionById, s.bucket, s.key, s.versionId, withVersion: true).ConfigureAwait(false);
            if (old is null || old.Record.IsDeleteMarker || old.Record.LastModified != s.lastModified)
            {
                return null;
            }

            var wire = Domain.Objects.VersionIds.ToWire(s.versionId);
            if (Locked(old, s.guard) is { } verdict)
            {
                return new VersionDelete(null, wire, false, Locked: verdict);
            }

            await ExecuteKeyAsync(c, tx, DeleteVersionRow, s.bucket, s.key, old.Seq).ConfigureAwait(false);
            return (VersionDelete?)new VersionDelete(old.Row.ToDomain(), wire, false);
        }, ct);

    public Task<VersionDelete?> ExpireDeleteMarkerAsync(string bucket, string key, string? versionId, CancellationToken ct) =>
        WriteAsync((bucket, key, versionId), static async (c, tx, s) =>
        {
            await LockKeyAsync(c, tx, s.bucket, s.key).ConfigureAwait(false);
            var marker = await QueryEntryAsync(c, tx, SelectVersionById, s.bucket, s.key, s.versionId, withVersion: true).ConfigureAwait(false);
            if (marker is null || !marker.Record.IsDeleteMarker
                || await QueryEntryAsync(c, tx, SelectCurrentEntry, s.bucket, s.key).ConfigureAwait(false) is not null
                || await CountVersionsAsync(c, tx, s.bucket, s.key).ConfigureAwait(false) != 1)
            {
                return null;
            }

            await ExecuteKeyAsync(c, tx, DeleteVersionRow, s.bucket, s.key, marker.Seq).ConfigureAwait(false);
            return (VersionDelete?)new VersionDelete(null, Domain.Objects.VersionIds.ToWire(s.versionId), true);
        }, ct);

    private static async Task<long> CountVersionsAsync(Npgsql.NpgsqlConnection c, Npgsql.NpgsqlTransaction tx, string bucket, string key)
    {
        await using var command = c.Command(tx, "SELECT COUNT(*) FROM object_versions WHERE bucket = @bucket AND key = @key").Set("bucket", bucket).SetKey(key);
        return (long)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
    }
}
