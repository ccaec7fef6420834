using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using BleepStore.Application.Objects.DeleteObjects;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;

namespace BleepStore.Api.Xml;

/// <summary>
/// The request documents S3 accepts (CreateBucketConfiguration, AccessControlPolicy, Delete,
/// CompleteMultipartUpload), with or without the S3 namespace; a null body is an empty one.
/// Cold paths, so LINQ to XML over the capped body is fine here.
/// </summary>
internal static class RequestXml
{
    /// <summary>
    /// The parser a <c>RequestDocument</c> calls when its handler reads it: the whole body (at most
    /// <paramref name="maxBytes"/>, else MalformedXML) into a pooled buffer, then <paramref name="parse"/>.
    /// </summary>
    public static Func<Stream, CancellationToken, ValueTask<T>> Parser<T>(Func<PooledBufferStream?, T> parse, int maxBytes) =>
        async (stream, ct) =>
        {
            using var body = await XmlBodyReader.ReadAsync(stream, maxBytes, ct).ConfigureAwait(false);
            return parse(body);
        };

    /// <summary>The LocationConstraint of a CreateBucketConfiguration (null when absent or empty). Bad XML → MalformedXML.</summary>
    public static string? LocationConstraint(PooledBufferStream? body)
    {
        if (body is null)
        {
            return null;
        }

        var root = Load(body, S3Errors.MalformedXML);
        if (root.Name.LocalName != "CreateBucketConfiguration")
        {
            throw new S3Exception(S3Errors.MalformedXML);
        }

        var value = Child(root, "LocationConstraint")?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>An AccessControlPolicy document (null for an empty body). Bad XML, unknown grantee or permission → MalformedACLError.</summary>
    public static AccessControlList? AccessControlPolicy(PooledBufferStream? body)
    {
        if (body is null)
        {
            return null;
        }

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

    /// <summary>
    /// <c>Delete: Quiet?, Object*: Key, VersionId?</c>. Keys are taken verbatim (whitespace included).
    /// Bad XML or an Object without Key → MalformedXML; an empty body is a document without objects
    /// (MalformedXML from the handler). The count is the handler's to judge.
    /// </summary>
    public static DeleteObjectsDocument Delete(PooledBufferStream? body)
    {
        if (body is null)
        {
            return new DeleteObjectsDocument([], false);
        }

        var root = Load(body, S3Errors.MalformedXML, preserveWhitespace: true);
        if (root.Name.LocalName != "Delete")
        {
            throw new S3Exception(S3Errors.MalformedXML);
        }

        var quiet = false;
        var objects = new List<DeleteObjectsEntry>();
        foreach (var e in root.Elements())
        {
            switch (e.Name.LocalName)
            {
                case "Quiet":
                    quiet = e.Value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase);
                    break;
                case "Object":
                    var key = Child(e, "Key")?.Value ?? throw new S3Exception(S3Errors.MalformedXML);
                    var version = Child(e, "VersionId")?.Value.Trim();
                    objects.Add(new DeleteObjectsEntry(key, string.IsNullOrEmpty(version) ? null : version));
                    break;
            }
        }

        return new DeleteObjectsDocument(objects, quiet);
    }

    /// <summary>
    /// <c>CompleteMultipartUpload: Part*: PartNumber, ETag</c> in document order; <c>Checksum*</c> and
    /// unknown elements ignored. Anything malformed (bad XML, another root, a Part without an integer
    /// PartNumber or an ETag) → an empty list, which the handler answers with MalformedXML in spec 30's order.
    /// </summary>
    public static IReadOnlyList<(int PartNumber, string ETag)> CompleteMultipartUpload(PooledBufferStream? body)
    {
        if (body is null)
        {
            return [];
        }

        XElement root;
        try
        {
            root = Load(body, S3Errors.MalformedXML);
        }
        catch (S3Exception)
        {
            return [];
        }

        if (root.Name.LocalName != "CompleteMultipartUpload")
        {
            return [];
        }

        var parts = new List<(int, string)>();
        foreach (var part in root.Elements())
        {
            if (part.Name.LocalName != "Part")
            {
                continue;
            }

            var etag = Text(part, "ETag");
            if (!int.TryParse(Text(part, "PartNumber"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || string.IsNullOrEmpty(etag))
            {
                return [];
            }

            parts.Add((number, etag));
        }

        return parts;
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
            // No account here has an e-mail address: S3's lookup by address finds none (400).
            "AmazonCustomerByEmail" when email is not null => throw new S3Exception(S3Errors.UnresolvableGrantByEmailAddress, details: [new("EmailAddress", email)]),
            _ => throw Malformed(),
        };
    }

    /// <summary>The root element of a body; XML that does not parse → <paramref name="error"/>.</summary>
    public static XElement LoadRoot(PooledBufferStream body, S3ErrorCode error, bool preserveWhitespace = false) => Load(body, error, preserveWhitespace);

    private static XElement Load(PooledBufferStream body, S3ErrorCode error, bool preserveWhitespace = false)
    {
        try
        {
            using var reader = XmlBodyReader.CreateReader(body, preserveWhitespace);
            return XDocument.Load(reader, preserveWhitespace ? LoadOptions.PreserveWhitespace : LoadOptions.None).Root ?? throw new S3Exception(error);
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
