using BleepStore.Application.Abstractions;
using BleepStore.Application.Access;
using BleepStore.Domain.Access;
using MediatR;

namespace BleepStore.Application.Buckets.PutBucketAcl;

internal sealed class PutBucketAclHandler(IMetadataStore store) : IRequestHandler<PutBucketAclCommand, Unit>
{
    public async Task<Unit> Handle(PutBucketAclCommand request, CancellationToken cancellationToken)
    {
        var bucket = await store.RequireAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        AccessPolicy.Demand(bucket.Acl, request.Context.Caller, Permission.WriteAcp);
        var requested = await AclPolicyBody.WithPolicyAsync(request.Acl, request.Policy, cancellationToken).ConfigureAwait(false);
        if (bucket.AclsDisabled)
        {
            await OwnershipRules.RequireOwnerOnlyAsync(requested, bucket, store, cancellationToken).ConfigureAwait(false);
        }

        var acl = await AclResolver.ResolveAsync(requested, bucket.Owner, null, store, cancellationToken).ConfigureAwait(false);
        await store.SetBucketAclAsync(bucket.Name, acl, cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }
}
