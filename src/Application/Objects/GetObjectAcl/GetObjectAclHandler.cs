using BleepStore.Application.Abstractions;
using BleepStore.Application.Access;
using BleepStore.Application.Buckets;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;
using MediatR;

namespace BleepStore.Application.Objects.GetObjectAcl;

internal sealed class GetObjectAclHandler(IMetadataStore store) : IRequestHandler<GetObjectAclQuery, AccessControlList>
{
    public async Task<AccessControlList> Handle(GetObjectAclQuery request, CancellationToken cancellationToken)
    {
        var bucket = await store.RequireAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        var obj = request.VersionId is { } versionId
            ? await store.LoadVersionAsync(bucket, request.Key, versionId, request.Context.Caller, "GET", cancellationToken).ConfigureAwait(false)
            : await store.GetObjectAsync(request.Bucket, request.Key, cancellationToken).ConfigureAwait(false);
        if (obj is null)
        {
            AccessPolicy.Demand(bucket.Acl, request.Context.Caller, Permission.Read);
            throw S3Exception.NoSuchKey(request.Key);
        }

        var acl = bucket.EffectiveAcl(obj.Acl);
        AccessPolicy.Demand(acl, request.Context.Caller, Permission.ReadAcp);
        return acl;
    }
}
