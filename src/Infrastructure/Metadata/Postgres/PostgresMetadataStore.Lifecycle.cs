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
    public Task<VersionDelete?> ExpireCurrentAsync(string bucket, string key, string? versionId, DateTimeOffset lastModified, Owner owner, DateTimeOffset at, CancellationToken ct) => throw Pending();

    public Task<VersionDelete?> ExpireNoncurrentAsync(string bucket, string key, string? versionId, DateTimeOffset lastModified, ObjectLockGuard guard, CancellationToken ct) => throw Pending();

    public Task<VersionDelete?> ExpireDeleteMarkerAsync(string bucket, string key, string? versionId, CancellationToken ct) => throw Pending();
}
