using BleepStore.Application.Abstractions;
using BleepStore.Domain.Cors;
using MediatR;

namespace BleepStore.Application.Buckets.PutBucketCors;

/// <summary>Replaces the bucket's CORS rules with the document's, once S3's rules hold (docs/cors.md).</summary>
internal sealed class PutBucketCorsHandler(IMetadataStore store) : IRequestHandler<PutBucketCorsCommand, Unit>
{
    public async Task<Unit> Handle(PutBucketCorsCommand request, CancellationToken cancellationToken)
    {
        var bucket = await store.RequireOwnedAsync(request.Bucket, request.Context.Caller, cancellationToken).ConfigureAwait(false);
        var rules = await request.Cors.ReadAsync(cancellationToken).ConfigureAwait(false);
        CorsConfiguration.Validate(rules);
        await store.SetBucketCorsAsync(bucket.Name, rules, cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }
}
