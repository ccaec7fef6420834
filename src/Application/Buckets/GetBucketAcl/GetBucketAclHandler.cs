using BleepStore.Application.Abstractions;
using BleepStore.Application.Access;
using BleepStore.Domain.Access;
using MediatR;

namespace BleepStore.Application.Buckets.GetBucketAcl;

internal sealed class GetBucketAclHandler(IMetadataStore store) : IRequestHandler<GetBucketAclQuery, AccessControlList>
{
    public async Task<AccessControlList> Handle(GetBucketAclQuery request, CancellationToken cancellationToken)
    {
        var bucket = await store.RequireAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        AccessPolicy.Demand(bucket.Acl, request.Context.Caller, Permission.ReadAcp);
        return bucket.Acl;
    }
}
