using BleepStore.Application.Buckets.ListBuckets;
using BleepStore.Domain.Access;

namespace BleepStore.Api.Xml;

/// <summary>Success documents of the bucket operations (spec 10).</summary>
internal static class BucketXml
{
    public static void ListAllMyBuckets(S3XmlWriter w, ListBucketsResult result)
    {
        w.WriteStartElement("ListAllMyBucketsResult", S3Xml.Namespace);
        WriteOwner(w, "Owner", result.Owner);
        w.WriteStartElement("Buckets");
        foreach (var bucket in result.Buckets)
        {
            w.WriteStartElement("Bucket");
            w.Element("Name", bucket.Name);
            w.Element("CreationDate", bucket.CreatedAt);
            if (result.WithRegions)
            {
                w.Element("BucketRegion", bucket.Region);
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
        if (result.ContinuationToken is not null)
        {
            w.Element("ContinuationToken", result.ContinuationToken);
        }

        if (result.Prefix is not null)
        {
            w.Element("Prefix", result.Prefix);
        }

        w.WriteEndElement();
    }

    /// <summary>The region as text; null (us-east-1) as an empty self-closing element, which clients read as null.</summary>
    public static void LocationConstraint(S3XmlWriter w, string? region)
    {
        w.WriteStartElement("LocationConstraint", S3Xml.Namespace);
        if (!string.IsNullOrEmpty(region))
        {
            w.WriteString(XmlText.Sanitize(region));
        }

        w.WriteEndElement();
    }

    /// <summary>
    /// <c>VersioningConfiguration: Status?, MfaDelete?</c>, with or without the S3 namespace. Status must be Enabled or
    /// Suspended, MfaDelete Enabled or Disabled; an empty body, another root or XML that does not parse → MalformedXML.
    /// </summary>
    public static Application.Buckets.PutBucketVersioning.VersioningConfiguration ParseVersioningConfiguration(PooledBufferStream? body)
    {
        if (body is null)
        {
            throw new Domain.Errors.S3Exception(Domain.Errors.S3Errors.MalformedXML);
        }

        var root = RequestXml.LoadRoot(body, Domain.Errors.S3Errors.MalformedXML);
        string? status = null, mfa = null;
        if (root.Name.LocalName != "VersioningConfiguration")
        {
            throw new Domain.Errors.S3Exception(Domain.Errors.S3Errors.MalformedXML);
        }

        foreach (var e in root.Elements())
        {
            switch (e.Name.LocalName)
            {
                case "Status" when status is null:
                    status = e.Value;
                    break;
                case "MfaDelete" when mfa is null:
                    mfa = e.Value;
                    break;
                default:
                    throw new Domain.Errors.S3Exception(Domain.Errors.S3Errors.MalformedXML);
            }
        }

        if (status is not ("Enabled" or "Suspended") || mfa is not (null or "Enabled" or "Disabled"))
        {
            throw new Domain.Errors.S3Exception(Domain.Errors.S3Errors.MalformedXML);
        }

        return new(status, mfa);
    }

    /// <summary>An empty configuration for a bucket that never had versioning; else its Status.</summary>
    public static void VersioningConfiguration(S3XmlWriter w, string? status)
    {
        w.WriteStartElement("VersioningConfiguration", S3Xml.Namespace);
        if (status is not null)
        {
            w.WriteElementString("Status", S3Xml.Namespace, status);
        }

        w.WriteEndElement();
    }

    public static void AccessControlPolicy(S3XmlWriter w, AccessControlList acl)
    {
        w.WriteStartElement("AccessControlPolicy", S3Xml.Namespace);
        WriteOwner(w, "Owner", acl.Owner);
        w.WriteStartElement("AccessControlList");
        foreach (var grant in acl.Grants)
        {
            w.WriteStartElement("Grant");
            w.WriteStartElement("Grantee");
            w.WriteAttributeString("xmlns", "xsi", S3Xml.XsiNamespace);
            var g = grant.Grantee;
            if (g.Type == GranteeType.Group)
            {
                w.WriteAttributeString("xsi", "type", "Group");
                w.Element("URI", g.Uri);
            }
            else
            {
                w.WriteAttributeString("xsi", "type", "CanonicalUser");
                w.Element("ID", g.Id);
                if (g.DisplayName is not null)
                {
                    w.Element("DisplayName", g.DisplayName);
                }
            }

            w.WriteEndElement();
            w.Element("Permission", grant.Permission.ToS3());
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    public static void WriteOwner(S3XmlWriter w, string element, Owner owner)
    {
        w.WriteStartElement(element);
        w.Element("ID", owner.Id);
        w.Element("DisplayName", owner.DisplayName);
        w.WriteEndElement();
    }
}
