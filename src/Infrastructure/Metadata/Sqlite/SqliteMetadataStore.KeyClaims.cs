using BleepStore.Application.Abstractions;
using Dapper;

namespace BleepStore.Infrastructure.Metadata.Sqlite;

public sealed partial class SqliteMetadataStore
{
    public Task<bool> TryClaimKeyAsync(string bucket, string key, string token, DateTimeOffset now, DateTimeOffset expiredBefore, CancellationToken ct) =>
        _db.WriteAsync(new { bucket, key, token, now = Timestamps.ToText(now), expired = Timestamps.ToText(expiredBefore) }, static (c, tx, p) =>
            c.Execute(
                "INSERT INTO key_claims (bucket, key, token, claimed_at) VALUES (@bucket, @key, @token, @now) " +
                "ON CONFLICT(bucket, key) DO UPDATE SET token = excluded.token, claimed_at = excluded.claimed_at WHERE key_claims.claimed_at < @expired",
                p, tx) > 0, ct);

    public Task<bool> RenewKeyClaimAsync(string bucket, string key, string token, DateTimeOffset now, CancellationToken ct) =>
        _db.WriteAsync(new { bucket, key, token, now = Timestamps.ToText(now) }, static (c, tx, p) =>
            c.Execute("UPDATE key_claims SET claimed_at = @now WHERE bucket = @bucket AND key = @key AND token = @token", p, tx) > 0, ct);

    public Task ReleaseKeyClaimAsync(string bucket, string key, string token, CancellationToken ct) =>
        _db.WriteAsync(new { bucket, key, token }, static (c, tx, p) =>
            c.Execute("DELETE FROM key_claims WHERE bucket = @bucket AND key = @key AND token = @token", p, tx), ct);

    public Task<bool> RepointObjectAsync(string bucket, string key, string expectedBlobId, string newBlobId, string token, CancellationToken ct) =>
        WriteObjectAsync(bucket, key, _db.WriteAsync(new { bucket, key, expectedBlobId, newBlobId, token }, static (c, tx, p) =>
        {
            var changed = c.Execute(
                "UPDATE objects SET blob_id = @newBlobId WHERE bucket = @bucket AND key = @key AND blob_id = @expectedBlobId AND inline_data IS NULL",
                p, tx) > 0;
            if (changed)
            {
                c.Execute("DELETE FROM key_claims WHERE bucket = @bucket AND key = @key AND token = @token", p, tx);
            }

            return changed;
        }, ct));

    public Task<IReadOnlyList<KeyClaim>> ListKeyClaimsAsync(int limit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var lease = _db.RentReader();
        var rows = lease.Connection.Query<(string Bucket, string Key, string Token, string ClaimedAt)>(
            "SELECT bucket, key, token, claimed_at FROM key_claims ORDER BY claimed_at, bucket, key LIMIT @limit", new { limit });
        return Task.FromResult<IReadOnlyList<KeyClaim>>(rows.Select(r => new KeyClaim(r.Bucket, r.Key, r.Token, Timestamps.FromText(r.ClaimedAt))).ToList());
    }
}
