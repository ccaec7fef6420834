using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Access;

/// <summary>Turns an <see cref="AclRequest"/> into the ACL to store (spec 10).</summary>
internal static class AclResolver
{
    /// <param name="owner">The resource owner: grants are made on their behalf.</param>
    /// <param name="bucketOwner">For objects, the bucket's owner (bucket-owner-* canned ACLs).</param>
    /// <param name="allowBody">Whether an AccessControlPolicy body is accepted (Put*Acl only).</param>
    public static AccessControlList Resolve(AclRequest request, Owner owner, Owner? bucketOwner = null)
    {
        if (request.Canned is not null && request.HasGrantHeaders)
        {
            throw new S3Exception(S3Errors.InvalidArgument, "Specifying both Canned ACLs and Header Grants is not allowed");
        }

        if (request.Canned is not null)
        {
            return CannedAcl.Expand(request.Canned, owner, bucketOwner);
        }

        if (request.HasGrantHeaders)
        {
            var grants = new List<Grant>();
            foreach (var (permission, value) in request.GrantHeaders!)
            {
                foreach (var grantee in ParseGrantees(value))
                {
                    grants.Add(new Grant(grantee, permission));
                }
            }

            return new AccessControlList(owner, grants);
        }

        if (request.Policy is not null)
        {
            // The owner of a resource never changes through PutAcl; S3 ignores a differing Owner element's display name.
            return request.Policy with { Owner = owner };
        }

        return AccessControlList.Private(owner);
    }

    /// <summary>
    /// <see cref="Resolve"/>, then every grant to a canonical id other than <paramref name="owner"/>'s and
    /// <paramref name="bucketOwner"/>'s must name an account: S3 answers a grant to an id that names none with
    /// 400 InvalidArgument (<c>Invalid id</c>, ArgumentName <c>CanonicalUser/ID</c>). The grantee's display name
    /// is the account's. Canned ACLs and owner-only ACLs never look anything up.
    /// </summary>
    public static async ValueTask<AccessControlList> ResolveAsync(AclRequest request, Owner owner, Owner? bucketOwner, ICredentialStore accounts, CancellationToken ct)
    {
        var acl = Resolve(request, owner, bucketOwner);
        if (request.Canned is not null || (!request.HasGrantHeaders && request.Policy is null))
        {
            return acl;
        }

        Grant[]? named = null;
        for (var i = 0; i < acl.Grants.Count; i++)
        {
            var grantee = acl.Grants[i].Grantee;
            if (grantee.Type != GranteeType.CanonicalUser || grantee.Id is not { } id)
            {
                continue;
            }

            var account = id == owner.Id ? owner : id == bucketOwner?.Id ? bucketOwner : await accounts.GetAccountAsync(id, ct).ConfigureAwait(false);
            if (account is null)
            {
                throw S3Exception.InvalidArgument("Invalid id", "CanonicalUser/ID", id);
            }

            named ??= [.. acl.Grants];
            named[i] = named[i] with { Grantee = Grantee.User(account.Id, account.DisplayName) };
        }

        return named is null ? acl : acl with { Grants = named };
    }

    /// <summary>Parses <c>id="…", uri="…", emailAddress="…"</c> lists from an <c>x-amz-grant-*</c> header.</summary>
    public static IReadOnlyList<Grantee> ParseGrantees(string header)
    {
        var result = new List<Grantee>();
        foreach (var raw in header.Split(','))
        {
            var item = raw.Trim();
            if (item.Length == 0)
            {
                continue;
            }

            var eq = item.IndexOf('=');
            if (eq <= 0)
            {
                throw new S3Exception(S3Errors.InvalidArgument, $"Invalid grant header value: {item}");
            }

            var kind = item[..eq].Trim();
            var value = item[(eq + 1)..].Trim().Trim('"');
            if (value.Length == 0)
            {
                throw new S3Exception(S3Errors.InvalidArgument, $"Invalid grant header value: {item}");
            }

            result.Add(kind.ToLowerInvariant() switch
            {
                "id" => Grantee.User(value),
                // No account here has an e-mail address, so S3's lookup by address never finds one.
                "emailaddress" => throw UnresolvableEmail(value),
                "uri" => Grantee.Group(value),
                _ => throw new S3Exception(S3Errors.InvalidArgument, $"Invalid grantee type: {kind}"),
            });
        }

        return result;
    }

    /// <summary>A grant by e-mail address: accounts carry none, so it resolves to no account (400).</summary>
    public static S3Exception UnresolvableEmail(string address) =>
        new(S3Errors.UnresolvableGrantByEmailAddress, details: [new("EmailAddress", address)]);
}
