using System.Collections.Concurrent;
using Amazon.Runtime.Endpoints;

namespace BleepStore.Infrastructure.Storage.Aws;

/// <summary>
/// The SDK's own S3 endpoint resolution (<paramref name="inner"/>, the rules engine), evaluated once per bucket
/// instead of on every request. Used only for an explicit <c>endpoint_url</c> with path-style addressing, where the
/// rules give <c>{endpoint_url}/{bucket}</c> and the same signing attributes for every object operation whatever the
/// key; real AWS (no endpoint_url) keeps the per-request resolution. Requests whose parameters are not those of
/// the gateway's object calls (control-plane, S3 Express, ARNs) go straight to <paramref name="inner"/>.
/// </summary>
internal sealed class FixedEndpointProvider(IEndpointProvider inner) : IEndpointProvider
{
    private readonly ConcurrentDictionary<string, Endpoint> _byBucket = new(StringComparer.Ordinal);

    public Endpoint ResolveEndpoint(EndpointParameters parameters)
    {
        if (parameters["Bucket"] is not string bucket || !Cacheable(parameters))
        {
            return inner.ResolveEndpoint(parameters);
        }

        var resolved = _byBucket.GetOrAdd(bucket, static (_, state) => state.inner.ResolveEndpoint(state.parameters), (inner, parameters));

        // A copy: the pipeline appends "/" to the URL of bucket-level requests.
        return new Endpoint(resolved.URL) { Attributes = resolved.Attributes, Headers = resolved.Headers };
    }

    private static bool Cacheable(EndpointParameters parameters) =>
        parameters["UseS3ExpressControlEndpoint"] is not true && parameters["UseObjectLambdaEndpoint"] is not true;
}
