using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Errors;
using MediatR;

namespace BleepStore.Application.Buckets.PutBucketOwnershipControls;

/// <summary>
/// Sets the bucket's ObjectOwnership (owner only). Switching to <c>BucketOwnerEnforced</c> while the bucket ACL
/// grants anyone but the owner is S3's 400 InvalidBucketAclWithObjectOwnership: the ACL would stop meaning anything.
/// </summary>
internal sealed class PutBucketOwnershipControlsHandler(IMetadataStore store) : IRequestHandler<PutBucketOwnershipControlsCommand, Unit>
{
    public async Task<Unit> Handle(PutBucketOwnershipControlsCommand request, CancellationToken cancellationToken)
    {
        var bucket = await store.RequireOwnedAsync(request.Bucket, request.Context.Caller, cancellationToken).ConfigureAwait(false);
        var ownership = await request.Ownership.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (!ObjectOwnership.IsValid(ownership))
        {
            throw new S3Exception(S3Errors.MalformedXML);
        }

        if (ownership == ObjectOwnership.BucketOwnerEnforced && !OwnerOnly(bucket.Acl, bucket.Owner))
        {
            throw new S3Exception(S3Errors.InvalidBucketAclWithObjectOwnership);
        }

        await store.SetBucketOwnershipAsync(bucket.Name, ownership, cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }

    internal static bool OwnerOnly(AccessControlList acl, Owner owner) =>
        acl.Grants.All(g => g.Grantee.Type == GranteeType.CanonicalUser && g.Grantee.Id == owner.Id);
}
