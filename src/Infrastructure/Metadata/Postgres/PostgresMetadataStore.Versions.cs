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
    public Task<bool> SetBucketVersioningAsync(string name, string status, CancellationToken ct) => throw Pending();

    public Task<ObjectRecord?> GetObjectVersionAsync(string bucket, string key, string versionId, CancellationToken ct) => throw Pending();

    public Task<ObjectRecord?> GetLatestVersionAsync(string bucket, string key, CancellationToken ct) => throw Pending();

    public Task<VersionDelete> DeleteCurrentAsync(string bucket, string key, Owner owner, DateTimeOffset at, CancellationToken ct) => throw Pending();

    public Task<VersionDelete> DeleteVersionAsync(string bucket, string key, string versionId, CancellationToken ct) => throw Pending();

    public Task<IReadOnlyList<ObjectVersion>> ListObjectVersionsAsync(
        string bucket, string prefix, string? fromKey, bool inclusive, string? afterVersionId, int limit, CancellationToken ct) => throw Pending();

    public Task<bool> SetObjectVersionAclAsync(string bucket, string key, string versionId, AccessControlList acl, CancellationToken ct) => throw Pending();

    public Task<bool> SetObjectVersionTagsAsync(string bucket, string key, string versionId, IReadOnlyList<Tag> tags, CancellationToken ct) => throw Pending();
}
