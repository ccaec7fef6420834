using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Access;

/// <summary>
/// S3's bucket ownership controls applied to ACL writes (decision 13). Under <c>BucketOwnerEnforced</c> ACLs are
/// disabled: a new object is the bucket owner's, and an ACL write is accepted only when it gives the bucket owner
/// full control and nobody else anything (the <c>bucket-owner-full-control</c> canned ACL, or grants/a policy to
/// the owner alone; PutBucketAcl/PutObjectAcl also <c>private</c>); anything else is 400
/// AccessControlListNotSupported. Under <c>BucketOwnerPreferred</c> an object written with
/// <c>bucket-owner-full-control</c> becomes the bucket owner's. Without controls (or <c>ObjectWriter</c>) the
/// writer owns what it writes, as before.
/// </summary>
internal static class OwnershipRules
{
    public const string BucketOwnerFullControl = "bucket-owner-full-control";

    /// <summary>The ACL (and so the owner) of an object <paramref name="writer"/> writes into <paramref name="bucket"/>: PutObject, CopyObject, CreateMultipartUpload.</summary>
    public static async ValueTask<AccessControlList> NewObjectAclAsync(AclRequest request, Owner? writer, Bucket bucket, ICredentialStore accounts, CancellationToken ct)
    {
        if (bucket.AclsDisabled)
        {
            if (request.Canned is not null && request.Canned != BucketOwnerFullControl)
            {
                throw NotSupported();
            }

            await RequireOwnerOnlyAsync(request, bucket, accounts, ct).ConfigureAwait(false);
            return AccessControlList.Private(bucket.Owner);
        }

        if (bucket.ObjectOwnership == ObjectOwnership.BucketOwnerPreferred && request.Canned == BucketOwnerFullControl)
        {
            return AccessControlList.Private(bucket.Owner);
        }

        return await AclResolver.ResolveAsync(request, writer ?? bucket.Owner, bucket.Owner, accounts, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// With ACLs disabled, a PutBucketAcl/PutObjectAcl request must amount to the bucket owner's full control alone;
    /// the stored ACL is then the owner-only one.
    /// </summary>
    public static async ValueTask RequireOwnerOnlyAsync(AclRequest request, Bucket bucket, ICredentialStore accounts, CancellationToken ct)
    {
        if (request.IsEmpty)
        {
            return;
        }

        var acl = await AclResolver.ResolveAsync(request, bucket.Owner, bucket.Owner, accounts, ct).ConfigureAwait(false);
        if (!acl.Grants.All(g => g.Grantee.Type == GranteeType.CanonicalUser && g.Grantee.Id == bucket.Owner.Id && g.Permission == Permission.FullControl)
            || acl.Grants.Count == 0)
        {
            throw NotSupported();
        }
    }

    private static S3Exception NotSupported() => new(S3Errors.AccessControlListNotSupported);
}
