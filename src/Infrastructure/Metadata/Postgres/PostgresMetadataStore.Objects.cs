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
    public Task<ObjectRecord?> GetObjectAsync(string bucket, string key, CancellationToken ct) => throw Pending();

    public Task<ObjectWrite> PutObjectAsync(ObjectRecord record, WriteCondition condition, CancellationToken ct) => throw Pending();

    public Task<ObjectRecord?> DeleteObjectAsync(string bucket, string key, CancellationToken ct) => throw Pending();

    public Task<IReadOnlyList<ObjectRecord>> DeleteObjectsAsync(string bucket, IReadOnlyList<string> keys, CancellationToken ct) => throw Pending();

    public Task<bool> SetObjectAclAsync(string bucket, string key, AccessControlList acl, CancellationToken ct) => throw Pending();

    public Task<bool> SetObjectTagsAsync(string bucket, string key, IReadOnlyList<Tag> tags, CancellationToken ct) => throw Pending();

    public Task<IReadOnlyList<ObjectRecord>> ListObjectsAsync(string bucket, string prefix, string? from, bool inclusive, int limit, CancellationToken ct) => throw Pending();
}
