using BleepStore.Application.Abstractions;
using BleepStore.Application.Access;
using BleepStore.Application.Buckets;
using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;

namespace BleepStore.Application.Listing;

internal static class ListingRequest
{
    /// <summary>The page size: absent → 1000, above 1000 → 1000 (the validator has refused negatives).</summary>
    public static int ClampMaxKeys(int? maxKeys) => Math.Clamp(maxKeys ?? ListingEngine.MaxPageSize, 0, ListingEngine.MaxPageSize);

    public static async Task<Bucket> RequireListableAsync(this IMetadataStore store, string bucketName, Owner? caller, CancellationToken ct)
    {
        var bucket = await store.RequireAsync(bucketName, ct).ConfigureAwait(false);
        AccessPolicy.Demand(bucket.Acl, caller, Permission.Read);
        return bucket;
    }
}
