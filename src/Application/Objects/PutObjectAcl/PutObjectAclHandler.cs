using BleepStore.Application.Abstractions;
using BleepStore.Application.Access;
using BleepStore.Application.Buckets;
using BleepStore.Application.Buckets.PutBucketAcl;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;
using MediatR;

namespace BleepStore.Application.Objects.PutObjectAcl;

/// <summary>Replaces the whole ACL; bytes, ETag and Last-Modified stay as they are (spec 20).</summary>
internal sealed class PutObjectAclHandler(IMetadataStore store) : IRequestHandler<PutObjectAclCommand, Unit>
{
    public async Task<Unit> Handle(PutObjectAclCommand request, CancellationToken cancellationToken)
    {
        var bucket = await store.RequireAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        var obj = request.VersionId is { } versionId
            ? await store.LoadVersionAsync(bucket, request.Key, versionId, request.Context.Caller, "PUT", cancellationToken).ConfigureAwait(false)
            : await store.GetObjectAsync(request.Bucket, request.Key, cancellationToken).ConfigureAwait(false);
        if (obj is null)
        {
            AccessPolicy.Demand(bucket.Acl, request.Context.Caller, Permission.Read);
            throw S3Exception.NoSuchKey(request.Key);
        }

        AccessPolicy.Demand(bucket.EffectiveAcl(obj.Acl), request.Context.Caller, Permission.WriteAcp);
        var requested = await AclPolicyBody.WithPolicyAsync(request.Acl, request.Policy, cancellationToken).ConfigureAwait(false);
        AccessControlList acl;
        if (bucket.AclsDisabled)
        {
            await OwnershipRules.RequireOwnerOnlyAsync(requested, bucket, store, cancellationToken).ConfigureAwait(false);
            acl = AccessControlList.Private(bucket.Owner);
        }
        else
        {
            acl = await AclResolver.ResolveAsync(requested, obj.Acl.Owner, bucket.Owner, store, cancellationToken).ConfigureAwait(false);
        }

        if (request.VersionId is { } id)
        {
            if (!await store.SetObjectVersionAclAsync(request.Bucket, request.Key, id, acl, cancellationToken).ConfigureAwait(false))
            {
                throw ObjectAccess.NoSuchVersion(request.Key, id);
            }
        }
        else if (!await store.SetObjectAclAsync(request.Bucket, request.Key, acl, cancellationToken).ConfigureAwait(false))
        {
            throw S3Exception.NoSuchKey(request.Key);
        }

        return Unit.Value;
    }
}
