using BleepStore.Application.Abstractions;
using BleepStore.Application.Access;
using BleepStore.Domain.Access;
using MediatR;

namespace BleepStore.Application.Buckets.HeadBucket;

internal sealed class HeadBucketHandler(IMetadataStore store) : IRequestHandler<HeadBucketQuery, HeadBucketResult>
{
    public async Task<HeadBucketResult> Handle(HeadBucketQuery request, CancellationToken cancellationToken)
    {
        var bucket = await store.RequireAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        AccessPolicy.Demand(bucket.Acl, request.Context.Caller, Permission.Read);
        return new HeadBucketResult(bucket.Region);
    }
}
