using BleepStore.Application.Abstractions;
using BleepStore.Application.Access;
using BleepStore.Application.Buckets;
using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Listing;

internal static class ListingRequest
{
    public static int ClampMaxKeys(int? maxKeys) => maxKeys switch
    {
        null => ListingEngine.MaxPageSize,
        < 0 => throw S3Exception.InvalidArgument("Argument maxKeys must be an integer between 0 and 2147483647", "max-keys", maxKeys.ToString()),
        > ListingEngine.MaxPageSize => ListingEngine.MaxPageSize,
        _ => maxKeys.Value,
    };

    public static void EnsureEncodingType(string? encodingType)
    {
        if (encodingType is not null && encodingType != "url")
        {
            throw S3Exception.InvalidArgument("Invalid Encoding Method specified in Request", "encoding-type", encodingType);
        }
    }

    public static async Task<Bucket> RequireListableAsync(this IMetadataStore store, string bucketName, Owner? caller, CancellationToken ct)
    {
        var bucket = await store.RequireAsync(bucketName, ct).ConfigureAwait(false);
        AccessPolicy.Demand(bucket.Acl, caller, Permission.Read);
        return bucket;
    }
}
