namespace BleepStore.Domain.Access;

/// <summary>An ACL as S3 renders it: the owner and the grants (spec 10). Immutable.</summary>
public sealed record AccessControlList(Owner Owner, IReadOnlyList<Grant> Grants)
{
    public static AccessControlList Private(Owner owner) => new(owner, [new Grant(Grantee.User(owner.Id, owner.DisplayName), Permission.FullControl)]);

    /// <summary>
    /// Whether <paramref name="caller"/> (null = anonymous) holds <paramref name="permission"/>.
    /// The owner always holds every permission; FULL_CONTROL implies the rest.
    /// </summary>
    public bool Allows(Owner? caller, Permission permission)
    {
        if (caller is not null && caller.Id == Owner.Id)
        {
            return true;
        }

        foreach (var grant in Grants)
        {
            if (grant.Permission != permission && grant.Permission != Permission.FullControl)
            {
                continue;
            }

            var g = grant.Grantee;
            if (g.Type == GranteeType.Group)
            {
                if (g.Uri == Grantee.AllUsersUri || (caller is not null && g.Uri == Grantee.AuthenticatedUsersUri))
                {
                    return true;
                }
            }
            else if (caller is not null && g.Id == caller.Id)
            {
                return true;
            }
        }

        return false;
    }
}
