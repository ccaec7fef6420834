namespace BleepStore.Domain.Access;

/// <summary>Who a grant is for: a canonical user (by id) or a predefined group (by URI).</summary>
public sealed record Grantee(GranteeType Type, string? Id, string? DisplayName, string? Uri)
{
    public const string AllUsersUri = "http://acs.amazonaws.com/groups/global/AllUsers";
    public const string AuthenticatedUsersUri = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

    public static Grantee User(string id, string? displayName = null) => new(GranteeType.CanonicalUser, id, displayName ?? id, null);

    public static Grantee Group(string uri) => new(GranteeType.Group, null, null, uri);
}

public enum GranteeType
{
    CanonicalUser,
    Group,
}
