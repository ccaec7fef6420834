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
    public Task CreateUploadAsync(MultipartUpload upload, CancellationToken ct) => throw Pending();

    public Task<MultipartUpload?> GetUploadAsync(string uploadId, CancellationToken ct) => throw Pending();

    public Task<IReadOnlyList<MultipartUpload>> ListUploadsAsync(string bucket, string prefix, string? keyMarker, string? uploadIdMarker, int limit, CancellationToken ct) => throw Pending();

    public Task<PartRecord?> PutPartAsync(PartRecord part, CancellationToken ct) => throw Pending();

    public Task<IReadOnlyList<PartRecord>> ListPartsAsync(string uploadId, int afterPartNumber, int limit, CancellationToken ct) => throw Pending();

    public Task<(ObjectRecord? Replaced, IReadOnlyList<PartRecord> Parts, string? VersionId)> CompleteUploadAsync(
        string uploadId, ObjectRecord final, WriteCondition condition, string? listedParts, CancellationToken ct) => throw Pending();

    public Task<CompletedUpload?> GetCompletedUploadAsync(string uploadId, CancellationToken ct) => throw Pending();

    public Task<IReadOnlyList<PartRecord>?> AbortUploadAsync(string uploadId, CancellationToken ct) => throw Pending();

    public Task<IReadOnlyList<string>> ListUploadsInitiatedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken ct) => throw Pending();
}
