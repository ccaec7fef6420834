using BleepStore.Domain.Errors;

namespace BleepStore.Domain.Access;

/// <summary>
/// Expands an <c>x-amz-acl</c> canned ACL name into grants (spec 10). Group grants (AllUsers,
/// AuthenticatedUsers) come first, then the canonical-user grants (owner FULL_CONTROL, then the bucket
/// owner): the order Ceph RGW writes, which tools written against it index into (issue 9).
/// </summary>
public static class CannedAcl
{
    public static AccessControlList Expand(string name, Owner owner, Owner? bucketOwner = null)
    {
        var ownerGrant = new Grant(Grantee.User(owner.Id, owner.DisplayName), Permission.FullControl);
        IReadOnlyList<Grant> grants = name switch
        {
            "private" => [ownerGrant],
            "public-read" => [new Grant(Grantee.Group(Grantee.AllUsersUri), Permission.Read), ownerGrant],
            "public-read-write" =>
            [
                new Grant(Grantee.Group(Grantee.AllUsersUri), Permission.Read),
                new Grant(Grantee.Group(Grantee.AllUsersUri), Permission.Write),
                ownerGrant,
            ],
            "authenticated-read" => [new Grant(Grantee.Group(Grantee.AuthenticatedUsersUri), Permission.Read), ownerGrant],
            "bucket-owner-read" => WithBucketOwner(ownerGrant, owner, bucketOwner, Permission.Read),
            "bucket-owner-full-control" => WithBucketOwner(ownerGrant, owner, bucketOwner, Permission.FullControl),
            "log-delivery-write" => [ownerGrant],
            _ => throw S3Exception.InvalidArgument("Invalid canned ACL", "x-amz-acl", name),
        };
        return new AccessControlList(owner, grants);
    }

    private static IReadOnlyList<Grant> WithBucketOwner(Grant ownerGrant, Owner owner, Owner? bucketOwner, Permission permission) =>
        bucketOwner is null || bucketOwner.Id == owner.Id
            ? [ownerGrant]
            : [ownerGrant, new Grant(Grantee.User(bucketOwner.Id, bucketOwner.DisplayName), permission)];
}
