using BleepStore.Domain.Errors;

namespace BleepStore.Domain.Access;

/// <summary>Expands an <c>x-amz-acl</c> canned ACL name into grants (spec 10). Owner FULL_CONTROL always first.</summary>
public static class CannedAcl
{
    public static AccessControlList Expand(string name, Owner owner, Owner? bucketOwner = null)
    {
        var ownerGrant = new Grant(Grantee.User(owner.Id, owner.DisplayName), Permission.FullControl);
        IReadOnlyList<Grant> grants = name switch
        {
            "private" => [ownerGrant],
            "public-read" => [ownerGrant, new Grant(Grantee.Group(Grantee.AllUsersUri), Permission.Read)],
            "public-read-write" =>
            [
                ownerGrant,
                new Grant(Grantee.Group(Grantee.AllUsersUri), Permission.Read),
                new Grant(Grantee.Group(Grantee.AllUsersUri), Permission.Write),
            ],
            "authenticated-read" => [ownerGrant, new Grant(Grantee.Group(Grantee.AuthenticatedUsersUri), Permission.Read)],
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
