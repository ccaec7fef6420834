using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using Dapper;

namespace BleepStore.Infrastructure.Metadata.Sqlite;

/// <summary>Lifecycle expiration: each delete re-reads the entry in its own transaction and acts only if it is unchanged.</summary>
public sealed partial class SqliteMetadataStore
{
    private const string CountVersions = "SELECT COUNT(*) FROM object_versions WHERE bucket = @bucket AND key = @key";

    public Task<VersionDelete?> ExpireCurrentAsync(string bucket, string key, string? versionId, DateTimeOffset lastModified, Owner owner, DateTimeOffset at, CancellationToken ct)
    {
        var acl = MetadataJson.WriteAcl(AccessControlList.Private(owner));
        return WriteObjectAsync(bucket, key, _db.WriteAsync((bucket, key, versionId, lastModified, acl, at: Timestamps.ToText(at), map: _versioning, commands: _db.WriterCommands), static (c, tx, s) =>
        {
            var current = QueryEntry(c, tx, SelectCurrentEntry, s.bucket, s.key);
            if (current is null || current.Record.VersionId != s.versionId || current.Record.LastModified != s.lastModified)
            {
                return null;
            }

            return (VersionDelete?)DeleteCurrentInTransaction(c, s.commands, tx, s.map, s.bucket, s.key, s.acl, s.at);
        }, ct));
    }

    public Task<VersionDelete?> ExpireNoncurrentAsync(string bucket, string key, string? versionId, DateTimeOffset lastModified, ObjectLockGuard guard, CancellationToken ct) =>
        WriteObjectAsync(bucket, key, _db.WriteAsync((bucket, key, versionId, lastModified, guard), static (c, tx, s) =>
        {
            var old = QueryEntry(c, tx, SelectVersionById, s.bucket, s.key, s.versionId, withVersion: true);
            if (old is null || old.Record.IsDeleteMarker || old.Record.LastModified != s.lastModified)
            {
                return null;
            }

            var wire = Domain.Objects.VersionIds.ToWire(s.versionId);
            if (Locked(old, s.guard) is { } verdict)
            {
                return new VersionDelete(null, wire, false, Locked: verdict);
            }

            c.Execute("DELETE FROM object_versions WHERE bucket = @bucket AND key = @key AND seq = @seq", new { bucket = s.bucket, key = s.key, seq = old.Seq }, tx);
            return (VersionDelete?)new VersionDelete(old.Row.ToDomain(), wire, false);
        }, ct));

    public Task<VersionDelete?> ExpireDeleteMarkerAsync(string bucket, string key, string? versionId, CancellationToken ct) =>
        WriteObjectAsync(bucket, key, _db.WriteAsync((bucket, key, versionId), static (c, tx, s) =>
        {
            var marker = QueryEntry(c, tx, SelectVersionById, s.bucket, s.key, s.versionId, withVersion: true);
            if (marker is null || !marker.Record.IsDeleteMarker
                || QueryEntry(c, tx, SelectCurrentEntry, s.bucket, s.key) is not null
                || c.ExecuteScalar<long>(CountVersions, new { bucket = s.bucket, key = s.key }, tx) != 1)
            {
                return null;
            }

            c.Execute("DELETE FROM object_versions WHERE bucket = @bucket AND key = @key AND seq = @seq", new { bucket = s.bucket, key = s.key, seq = marker.Seq }, tx);
            return (VersionDelete?)new VersionDelete(null, Domain.Objects.VersionIds.ToWire(s.versionId), true);
        }, ct));
}
