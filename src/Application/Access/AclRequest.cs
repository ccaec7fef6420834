using BleepStore.Domain.Access;

namespace BleepStore.Application.Access;

/// <summary>
/// How a request asked to set an ACL: a canned name (<c>x-amz-acl</c>), grant headers
/// (<c>x-amz-grant-*</c>, by permission) or an <c>AccessControlPolicy</c> body. At most one mode may be used.
/// </summary>
public sealed record AclRequest(
    string? Canned = null,
    IReadOnlyDictionary<Permission, string>? GrantHeaders = null,
    AccessControlList? Policy = null)
{
    public static readonly AclRequest None = new();

    public bool HasGrantHeaders => GrantHeaders is { Count: > 0 };

    public bool IsEmpty => Canned is null && !HasGrantHeaders && Policy is null;
}
