using BleepStore.Application.Abstractions;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Buckets;

internal static class BucketLookup
{
    public static async Task<Bucket> RequireAsync(this IMetadataStore store, string name, CancellationToken ct) =>
        await store.GetBucketAsync(name, ct).ConfigureAwait(false) ?? throw S3Exception.NoSuchBucket(name);
}
