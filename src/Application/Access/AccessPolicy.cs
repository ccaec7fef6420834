using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Access;

/// <summary>ACL enforcement as S3 does it: owners may do anything, others need a grant (spec 95 #31).</summary>
internal static class AccessPolicy
{
    public static void Demand(AccessControlList acl, Owner? caller, Permission permission)
    {
        if (!acl.Allows(caller, permission))
        {
            throw new S3Exception(S3Errors.AccessDenied);
        }
    }
}
