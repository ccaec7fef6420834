using BleepStore.Application.Abstractions;
using BleepStore.Application.Access;
using BleepStore.Application.Requests;
using BleepStore.Domain.Access;
using MediatR;

namespace BleepStore.Application.Buckets.PutBucketAcl;

/// <param name="Acl">The canned or grant headers (or, in process, a ready policy).</param>
/// <param name="Policy">The AccessControlPolicy body (null when empty); read only when <paramref name="Acl"/> is empty.</param>
public sealed record PutBucketAclCommand(S3RequestContext Context, string Bucket, AclRequest Acl, RequestDocument<AccessControlList?>? Policy = null)
    : IS3Request<Unit>, IHasBody
{
    Stream IHasBody.Body { get => Policy?.Body ?? Stream.Null; set => Policy?.Body = value; }

    long? IHasBody.ContentLength { get => Policy is null ? 0 : Policy.ContentLength; set => Policy?.ContentLength = value; }
}

internal sealed class PutBucketAclHandler(IMetadataStore store) : IRequestHandler<PutBucketAclCommand, Unit>
{
    public async Task<Unit> Handle(PutBucketAclCommand request, CancellationToken cancellationToken)
    {
        var bucket = await store.RequireAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        AccessPolicy.Demand(bucket.Acl, request.Context.Caller, Permission.WriteAcp);
        var acl = AclResolver.Resolve(await AclPolicyBody.WithPolicyAsync(request.Acl, request.Policy, cancellationToken).ConfigureAwait(false), bucket.Owner);
        await store.SetBucketAclAsync(bucket.Name, acl, cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }
}
