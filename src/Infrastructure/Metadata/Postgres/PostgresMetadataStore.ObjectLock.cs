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
    public Task<BucketObjectLockOutcome> SetBucketObjectLockAsync(string name, ObjectLockConfiguration configuration, CancellationToken ct) => throw Pending();

    public Task<(ObjectLockChangeOutcome Outcome, ObjectLockVerdict Verdict)> SetObjectLockAsync(
        string bucket, string key, string? versionId, ObjectLockChange change, CancellationToken ct) => throw Pending();

    public Task<VersionDelete> DeleteVersionAsync(string bucket, string key, string versionId, ObjectLockGuard guard, CancellationToken ct) => throw Pending();
}
