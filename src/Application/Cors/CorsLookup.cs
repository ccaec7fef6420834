using BleepStore.Application.Abstractions;
using BleepStore.Domain.Cors;

namespace BleepStore.Application.Cors;

/// <summary>
/// The CORS headers of an actual (non-preflight) request: the first rule of the bucket's configuration that
/// allows the request's Origin and method. Not an S3 operation (no authentication, no metrics of its own):
/// the Api asks it only when the request carries an Origin, and the bucket row comes from the metadata
/// store's bucket cache (decision 0006), so a request without Origin, or to a bucket without CORS, pays
/// nothing more.
/// </summary>
public sealed class CorsLookup(IMetadataStore store)
{
    public async ValueTask<CorsAnswer?> FindAsync(string bucket, string origin, string method, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var row = await store.GetBucketAsync(bucket, ct).ConfigureAwait(false);
        if (row?.Cors is not { } rules || CorsConfiguration.Match(rules, origin, method) is not { } rule)
        {
            return null;
        }

        return CorsAnswer.For(rule, origin);
    }
}
