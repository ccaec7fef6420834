using BleepStore.Application.Abstractions;
using BleepStore.Domain.Cors;
using BleepStore.Domain.Errors;
using MediatR;

namespace BleepStore.Application.Cors.PreflightCors;

/// <summary>
/// Matches the preflight as S3 does: the first rule allowing the Origin, the requested method and every
/// requested header. A missing bucket, a bucket without CORS and a request no rule allows are S3's 403
/// <c>AccessForbidden</c> with its <c>CORSResponse</c> messages, the method and the resource type.
/// </summary>
internal sealed class PreflightCorsHandler(IMetadataStore store) : IRequestHandler<PreflightCorsQuery, CorsAnswer>
{
    public async Task<CorsAnswer> Handle(PreflightCorsQuery request, CancellationToken cancellationToken)
    {
        var origin = request.Origin!;
        var method = request.Method!;
        var bucket = await store.GetBucketAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        if (bucket is null)
        {
            throw Forbidden(request, "CORSResponse: Bucket not found");
        }

        if (bucket.Cors is not { } rules)
        {
            throw Forbidden(request, "CORSResponse: CORS is not enabled for this bucket.");
        }

        var headers = CorsConfiguration.SplitHeaderList(request.RequestHeaders);
        var rule = CorsConfiguration.Match(rules, origin, method, headers) ?? throw Forbidden(request, null);
        return CorsAnswer.For(rule, origin, headers.Count == 0 ? null : string.Join(", ", headers));
    }

    private static S3Exception Forbidden(PreflightCorsQuery request, string? message) =>
        new(S3Errors.AccessForbidden, message, [new("Method", request.Method!), new("ResourceType", request.ResourceType)]);
}
