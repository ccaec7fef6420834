using BleepStore.Application.Abstractions;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Buckets;

internal static class BucketLookup
{
    public static async Task<Bucket> RequireAsync(this IMetadataStore store, string name, CancellationToken ct) =>
        await store.GetBucketAsync(name, ct).ConfigureAwait(false) ?? throw S3Exception.NoSuchBucket(name);

    /// <summary>The bucket, when <paramref name="caller"/> owns it (a bucket's configuration belongs to its owner); else AccessDenied.</summary>
    public static async Task<Bucket> RequireOwnedAsync(this IMetadataStore store, string name, BleepStore.Domain.Access.Owner? caller, CancellationToken ct)
    {
        var bucket = await store.RequireAsync(name, ct).ConfigureAwait(false);
        return caller is not null && caller.Id == bucket.Owner.Id ? bucket : throw new S3Exception(S3Errors.AccessDenied);
    }
}
