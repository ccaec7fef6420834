using System.Xml;
using System.Xml.Linq;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;

namespace BleepStore.Api.Xml;

/// <summary>
/// The request documents the bucket operations accept (spec 10), with or without the S3 namespace.
/// Cold paths, so LINQ to XML over the capped body is fine here.
/// </summary>
internal static class RequestXml
{
    /// <summary>The LocationConstraint of a CreateBucketConfiguration (null when absent or empty). Bad XML → MalformedXML.</summary>
    public static string? LocationConstraint(PooledBufferStream body)
    {
        var root = Load(body, S3Errors.MalformedXML);
        if (root.Name.LocalName != "CreateBucketConfiguration")
        {
            throw new S3Exception(S3Errors.MalformedXML);
        }

        var value = Child(root, "LocationConstraint")?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>An AccessControlPolicy document. Bad XML, unknown grantee or permission → MalformedACLError.</summary>
    public static AccessControlList AccessControlPolicy(PooledBufferStream body)
    {
        var root = Load(body, S3Errors.MalformedACLError);
        if (root.Name.LocalName != "AccessControlPolicy")
        {
            throw Malformed();
        }

        var ownerElement = Child(root, "Owner");
        var ownerId = Text(ownerElement, "ID") ?? "";
        var owner = new Owner(ownerId, Text(ownerElement, "DisplayName") ?? ownerId);

        var grants = new List<Grant>();
        if (Child(root, "AccessControlList") is { } list)
        {
            foreach (var grant in list.Elements())
            {
                if (grant.Name.LocalName != "Grant")
                {
                    throw Malformed();
                }

                var grantee = Child(grant, "Grantee") ?? throw Malformed();
                if (!PermissionNames.TryParse(Text(grant, "Permission"), out var permission))
                {
                    throw Malformed();
                }

                grants.Add(new Grant(ParseGrantee(grantee), permission));
            }
        }

        return new AccessControlList(owner, grants);
    }

    private static Grantee ParseGrantee(XElement grantee)
    {
        var type = grantee.Attributes().FirstOrDefault(a => a.Name.LocalName == "type")?.Value;
        var uri = Text(grantee, "URI");
        var id = Text(grantee, "ID");
        var email = Text(grantee, "EmailAddress");
        type ??= uri is not null ? "Group" : email is not null && id is null ? "AmazonCustomerByEmail" : "CanonicalUser";

        return type switch
        {
            "Group" when uri is not null => Grantee.Group(uri),
            "CanonicalUser" when id is not null => Grantee.User(id, Text(grantee, "DisplayName")),
            "AmazonCustomerByEmail" when email is not null => Grantee.User(email),
            _ => throw Malformed(),
        };
    }

    private static XElement Load(PooledBufferStream body, S3ErrorCode error)
    {
        try
        {
            using var reader = XmlBodyReader.CreateReader(body);
            return XDocument.Load(reader).Root ?? throw new S3Exception(error);
        }
        catch (XmlException)
        {
            throw new S3Exception(error);
        }
    }

    private static XElement? Child(XElement? parent, string localName)
    {
        if (parent is null)
        {
            return null;
        }

        foreach (var e in parent.Elements())
        {
            if (e.Name.LocalName == localName)
            {
                return e;
            }
        }

        return null;
    }

    private static string? Text(XElement? parent, string localName) => Child(parent, localName)?.Value.Trim();

    private static S3Exception Malformed() => new(S3Errors.MalformedACLError);
}
