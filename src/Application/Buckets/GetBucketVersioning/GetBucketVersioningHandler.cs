using BleepStore.Application.Abstractions;
using BleepStore.Application.Access;
using BleepStore.Domain.Access;
using MediatR;

namespace BleepStore.Application.Buckets.GetBucketVersioning;

internal sealed class GetBucketVersioningHandler(IMetadataStore store) : IRequestHandler<GetBucketVersioningQuery, GetBucketVersioningResult>
{
    public async Task<GetBucketVersioningResult> Handle(GetBucketVersioningQuery request, CancellationToken cancellationToken)
    {
        var bucket = await store.RequireAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        AccessPolicy.Demand(bucket.Acl, request.Context.Caller, Permission.Read);
        return new GetBucketVersioningResult(bucket.Versioning);
    }
}
