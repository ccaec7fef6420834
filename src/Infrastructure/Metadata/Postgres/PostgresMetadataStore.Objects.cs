using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Credentials;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Tagging;
using BleepStore.Domain.Uploads;
using Npgsql;

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

    /// <summary>
    /// In the caller's transaction, which has taken the key's advisory lock first (<see cref="LockKeyAsync"/>): checks
    /// <paramref name="condition"/> against the key's current row (PreconditionFailed / NoSuchKey as S3Exception) and
    /// writes <paramref name="record"/> as the key's current version under the bucket's versioning state (decision 0014,
    /// as SqliteMetadataStore.UpsertObjectInTransaction); a missing bucket is NoSuchBucket. Returns the replaced row
    /// (whose blob the caller deletes) and the version made. PutObjectAsync and CompleteUploadAsync both write through it.
    /// </summary>
    internal static Task<ObjectWrite> UpsertObjectInTransactionAsync(NpgsqlConnection c, NpgsqlTransaction tx, ObjectRecord record, WriteCondition condition) =>
        throw Pending();
}
