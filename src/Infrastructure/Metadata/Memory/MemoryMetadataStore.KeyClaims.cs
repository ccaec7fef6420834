using BleepStore.Application.Abstractions;
using BleepStore.Domain.Objects;

namespace BleepStore.Infrastructure.Metadata.Memory;

public sealed partial class MemoryMetadataStore
{
    private readonly Dictionary<(string Bucket, string Key), KeyClaim> _claims = [];

    public Task<bool> TryClaimKeyAsync(string bucket, string key, string token, DateTimeOffset now, DateTimeOffset expiredBefore, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<bool>(ct);
        }

        lock (_gate)
        {
            if (_claims.TryGetValue((bucket, key), out var held) && held.ClaimedAt >= expiredBefore)
            {
                return Task.FromResult(false);
            }

            _claims[(bucket, key)] = new KeyClaim(bucket, key, token, MemoryRows.Millis(now));
            return Task.FromResult(true);
        }
    }

    public Task<bool> RenewKeyClaimAsync(string bucket, string key, string token, DateTimeOffset now, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<bool>(ct);
        }

        lock (_gate)
        {
            if (!_claims.TryGetValue((bucket, key), out var held) || held.Token != token)
            {
                return Task.FromResult(false);
            }

            _claims[(bucket, key)] = held with { ClaimedAt = MemoryRows.Millis(now) };
            return Task.FromResult(true);
        }
    }

    public Task ReleaseKeyClaimAsync(string bucket, string key, string token, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled(ct);
        }

        lock (_gate)
        {
            RemoveClaim(bucket, key, token);
        }

        return Task.CompletedTask;
    }

    public Task<bool> RepointObjectAsync(string bucket, string key, string expectedBlobId, string newBlobId, string token, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<bool>(ct);
        }

        lock (_gate)
        {
            if (_buckets.TryGetValue(bucket, out var b) && b.Objects.Get(key) is { InlineData: null } row && row.BlobId == expectedBlobId)
            {
                b.Objects.Set(row with { BlobId = newBlobId });
                RemoveClaim(bucket, key, token);
                return Task.FromResult(true);
            }

            return Task.FromResult(false);
        }
    }

    public Task<IReadOnlyList<KeyClaim>> ListKeyClaimsAsync(int limit, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<IReadOnlyList<KeyClaim>>(ct);
        }

        lock (_gate)
        {
            IReadOnlyList<KeyClaim> claims = [.. _claims.Values
                .OrderBy(c => c.ClaimedAt)
                .ThenBy(c => c.Bucket, Utf8Order.Instance)
                .ThenBy(c => c.Key, Utf8Order.Instance)
                .Take(limit)];
            return Task.FromResult(claims);
        }
    }

    /// <summary>Under the lock.</summary>
    private void RemoveClaim(string bucket, string key, string token)
    {
        if (_claims.TryGetValue((bucket, key), out var held) && held.Token == token)
        {
            _claims.Remove((bucket, key));
        }
    }
}
