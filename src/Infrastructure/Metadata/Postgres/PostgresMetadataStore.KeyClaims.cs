using BleepStore.Application.Abstractions;
using BleepStore.Infrastructure.Metadata.Sqlite;
using Dapper;

namespace BleepStore.Infrastructure.Metadata.Postgres;

public sealed partial class PostgresMetadataStore
{
    /// <summary>
    /// Claims (bucket, key) for <paramref name="token"/> unless another live claim holds it; a claim older than
    /// <paramref name="expiredBefore"/> is taken over. The primary key makes two racing claimers (on any node) exclusive:
    /// the second waits for the first's insert and then finds its row.
    /// </summary>
    public Task<bool> TryClaimKeyAsync(string bucket, string key, string token, DateTimeOffset now, DateTimeOffset expiredBefore, CancellationToken ct) =>
        WriteAsync(new { bucket, key = PostgresKeys.Encode(key), token, now = Timestamps.ToText(now), expired = Timestamps.ToText(expiredBefore) }, static async (c, tx, p) =>
            await c.ExecuteAsync(
                "INSERT INTO key_claims (bucket, key, token, claimed_at) VALUES (@bucket, @key, @token, @now) " +
                "ON CONFLICT (bucket, key) DO UPDATE SET token = excluded.token, claimed_at = excluded.claimed_at WHERE key_claims.claimed_at < @expired",
                p,
                tx).ConfigureAwait(false) > 0, ct);

    public Task<bool> RenewKeyClaimAsync(string bucket, string key, string token, DateTimeOffset now, CancellationToken ct) =>
        WriteAsync(new { bucket, key = PostgresKeys.Encode(key), token, now = Timestamps.ToText(now) }, static async (c, tx, p) =>
            await c.ExecuteAsync("UPDATE key_claims SET claimed_at = @now WHERE bucket = @bucket AND key = @key AND token = @token", p, tx).ConfigureAwait(false) > 0, ct);

    public Task ReleaseKeyClaimAsync(string bucket, string key, string token, CancellationToken ct) =>
        WriteAsync(new { bucket, key = PostgresKeys.Encode(key), token }, static (c, tx, p) =>
            c.ExecuteAsync("DELETE FROM key_claims WHERE bucket = @bucket AND key = @key AND token = @token", p, tx), ct);

    /// <summary>Under the key's advisory lock, as every write to an object key.</summary>
    public Task<bool> RepointObjectAsync(string bucket, string key, string expectedBlobId, string newBlobId, string token, CancellationToken ct) =>
        WriteAsync(new { bucket, key = PostgresKeys.Encode(key), rawKey = key, expectedBlobId, newBlobId, token }, static async (c, tx, p) =>
        {
            await LockKeyAsync(c, tx, p.bucket, p.rawKey).ConfigureAwait(false);
            var changed = await c.ExecuteAsync(
                "UPDATE objects SET blob_id = @newBlobId WHERE bucket = @bucket AND key = @key AND blob_id = @expectedBlobId AND inline_data IS NULL",
                p,
                tx).ConfigureAwait(false) > 0;
            if (changed)
            {
                await c.ExecuteAsync("DELETE FROM key_claims WHERE bucket = @bucket AND key = @key AND token = @token", p, tx).ConfigureAwait(false);
            }

            return changed;
        }, ct);

    public Task<IReadOnlyList<KeyClaim>> ListKeyClaimsAsync(int limit, CancellationToken ct) =>
        ReadAsync(limit, static async (c, limit) =>
        {
            var rows = await c.QueryAsync<(string Bucket, string Key, string Token, string ClaimedAt)>(
                "SELECT bucket, key, token, claimed_at FROM key_claims ORDER BY claimed_at, bucket, key LIMIT @limit", new { limit }).ConfigureAwait(false);
            return (IReadOnlyList<KeyClaim>)rows.Select(static r => new KeyClaim(r.Bucket, PostgresKeys.Decode(r.Key), r.Token, Timestamps.FromText(r.ClaimedAt))).ToList();
        }, ct);
}
