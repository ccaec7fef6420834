using BleepStore.Application.Abstractions;
using BleepStore.Domain.Cors;
using BleepStore.Domain.Errors;
using MediatR;

namespace BleepStore.Application.Buckets.GetBucketCors;

internal sealed class GetBucketCorsHandler(IMetadataStore store) : IRequestHandler<GetBucketCorsQuery, IReadOnlyList<CorsRule>>
{
    public async Task<IReadOnlyList<CorsRule>> Handle(GetBucketCorsQuery request, CancellationToken cancellationToken)
    {
        var bucket = await store.RequireOwnedAsync(request.Bucket, request.Context.Caller, cancellationToken).ConfigureAwait(false);
        return bucket.Cors ?? throw new S3Exception(S3Errors.NoSuchCORSConfiguration, details: [new("BucketName", bucket.Name)]);
    }
}
