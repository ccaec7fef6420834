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
                "emailaddress" => Grantee.User(value),
                "uri" => Grantee.Group(value),
                _ => throw new S3Exception(S3Errors.InvalidArgument, $"Invalid grantee type: {kind}"),
            });
        }

        return result;
    }
}
