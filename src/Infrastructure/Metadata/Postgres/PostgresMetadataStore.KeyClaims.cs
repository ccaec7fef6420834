using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Credentials;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Tagging;
using BleepStore.Domain.Uploads;

namespace BleepStore.Infrastructure.Metadata.Postgres;

public sealed partial class PostgresMetadataStore
{
    public Task<bool> TryClaimKeyAsync(string bucket, string key, string token, DateTimeOffset now, DateTimeOffset expiredBefore, CancellationToken ct) => throw Pending();

    public Task ReleaseKeyClaimAsync(string bucket, string key, string token, CancellationToken ct) => throw Pending();

    public Task<bool> RepointObjectAsync(string bucket, string key, string expectedBlobId, string newBlobId, string token, CancellationToken ct) => throw Pending();

    public Task<IReadOnlyList<KeyClaim>> ListKeyClaimsAsync(int limit, CancellationToken ct) => throw Pending();
}
