using BleepStore.Api.S3;
using BleepStore.Application.Listing;
using BleepStore.Application.Listing.ListObjectVersions;
using BleepStore.Application.Listing.ListObjects;
using BleepStore.Application.Listing.ListObjectsV2;
using BleepStore.Domain.Objects;

namespace BleepStore.Api.Xml;

/// <summary>
/// ListBucketResult for v2 and v1 (spec 20). With <c>encoding-type=url</c>, Key, Prefix, Delimiter,
/// StartAfter, Marker, NextMarker and CommonPrefixes are percent-encoded.
/// Choice: when no encoding was asked for but one of those values holds a character XML 1.0 cannot
/// carry (most C0 controls, U+FFFE/U+FFFF, lone surrogates), the page is answered as if
/// <c>encoding-type=url</c> had been sent, with <c>EncodingType</c> echoed so SDKs decode it. The
/// document stays well-formed and no key is altered; AWS instead emits <c>&amp;#x1;</c>, which XML 1.0
/// parsers reject.
/// </summary>
internal static class ListingXml
{
    private const string Url = "url";

    public static void ListObjectsV2(S3XmlWriter w, ListObjectsV2Result r)
    {
        var q = r.Query;
        var encoding = EffectiveEncoding(q.EncodingType, r.Page, q.Prefix, q.Delimiter, q.StartAfter, null);
        w.WriteStartElement("ListBucketResult", S3Xml.Namespace);
        w.Element("Name", r.Bucket.Name);
        w.Element("Prefix", Encode(q.Prefix ?? "", encoding));
        if (!string.IsNullOrEmpty(q.Delimiter))
        {
            w.Element("Delimiter", Encode(q.Delimiter, encoding));
        }

        if (encoding is not null)
        {
            w.Element("EncodingType", encoding);
        }

        w.Element("MaxKeys", r.MaxKeys);
        if (!string.IsNullOrEmpty(q.StartAfter))
        {
            w.Element("StartAfter", Encode(q.StartAfter, encoding));
        }

        if (q.ContinuationToken is not null)
        {
            w.Element("ContinuationToken", q.ContinuationToken);
        }

        w.Element("KeyCount", r.Page.Contents.Count + r.Page.CommonPrefixes.Count);
        w.Element("IsTruncated", r.Page.IsTruncated);
        if (r.Page.IsTruncated && r.NextContinuationToken is not null)
        {
            w.Element("NextContinuationToken", r.NextContinuationToken);
        }

        WriteEntries(w, r.Page, encoding, q.FetchOwner);
        w.WriteEndElement();
    }

    public static void ListObjects(S3XmlWriter w, ListObjectsResult r)
    {
        var q = r.Query;
        var encoding = EffectiveEncoding(q.EncodingType, r.Page, q.Prefix, q.Delimiter, q.Marker, r.NextMarker);
        w.WriteStartElement("ListBucketResult", S3Xml.Namespace);
        w.Element("Name", r.Bucket.Name);
        w.Element("Prefix", Encode(q.Prefix ?? "", encoding));
        w.Element("Marker", Encode(q.Marker ?? "", encoding));
        if (!string.IsNullOrEmpty(q.Delimiter))
        {
            w.Element("Delimiter", Encode(q.Delimiter, encoding));
        }

        if (encoding is not null)
        {
            w.Element("EncodingType", encoding);
        }

        w.Element("MaxKeys", r.MaxKeys);
        w.Element("IsTruncated", r.Page.IsTruncated);
        if (r.NextMarker is not null)
        {
            w.Element("NextMarker", Encode(r.NextMarker, encoding));
        }

        WriteEntries(w, r.Page, encoding, fetchOwner: true);
        w.WriteEndElement();
    }

    /// <summary>
    /// ListVersionsResult: Version and DeleteMarker entries in key order, newest first within a key (decision
    /// 0014). KeyMarker and NextKeyMarker are encoded like keys.
    /// </summary>
    public static void ListVersions(S3XmlWriter w, ListObjectVersionsResult r)
    {
        var q = r.Query;
        var encoding = EffectiveEncoding(q.EncodingType, r.Page, q.Prefix, q.Delimiter, q.KeyMarker, r.NextKeyMarker);
        w.WriteStartElement("ListVersionsResult", S3Xml.Namespace);
        w.Element("Name", r.Bucket.Name);
        w.Element("Prefix", Encode(q.Prefix ?? "", encoding));
        w.Element("KeyMarker", Encode(q.KeyMarker ?? "", encoding));
        w.Element("VersionIdMarker", q.VersionIdMarker ?? "");
        if (r.NextKeyMarker is not null)
        {
            w.Element("NextKeyMarker", Encode(r.NextKeyMarker, encoding));
        }

        if (r.NextVersionIdMarker is not null)
        {
            w.Element("NextVersionIdMarker", r.NextVersionIdMarker);
        }

        w.Element("MaxKeys", r.MaxKeys);
        if (!string.IsNullOrEmpty(q.Delimiter))
        {
            w.Element("Delimiter", Encode(q.Delimiter, encoding));
        }

        if (encoding is not null)
        {
            w.Element("EncodingType", encoding);
        }

        w.Element("IsTruncated", r.Page.IsTruncated);
        foreach (var (o, latest) in r.Versions)
        {
            if (o.IsDeleteMarker)
            {
                w.WriteStartElement("DeleteMarker");
                w.Element("Key", Encode(o.Key, encoding));
                w.Element("VersionId", VersionIds.ToWire(o.VersionId));
                w.Element("IsLatest", latest);
                w.Element("LastModified", o.LastModified);
                BucketXml.WriteOwner(w, "Owner", o.Acl.Owner);
                w.WriteEndElement();
                continue;
            }

            w.WriteStartElement("Version");
            w.Element("Key", Encode(o.Key, encoding));
            w.Element("VersionId", VersionIds.ToWire(o.VersionId));
            w.Element("IsLatest", latest);
            w.Element("LastModified", o.LastModified);
            w.Element("ETag", o.ETag);
            w.Element("Size", o.Size);
            w.Element("StorageClass", string.IsNullOrEmpty(o.StorageClass) ? "STANDARD" : o.StorageClass);
            BucketXml.WriteOwner(w, "Owner", o.Acl.Owner);
            w.WriteEndElement();
        }

        WriteCommonPrefixes(w, r.Page, encoding);
        w.WriteEndElement();
    }

    private static void WriteEntries(S3XmlWriter w, ListingPage page, string? encoding, bool fetchOwner)
    {
        foreach (var o in page.Contents)
        {
            w.WriteStartElement("Contents");
            w.Element("Key", Encode(o.Key, encoding));
            w.Element("LastModified", o.LastModified);
            w.Element("ETag", o.ETag);
            w.Element("Size", o.Size);
            w.Element("StorageClass", string.IsNullOrEmpty(o.StorageClass) ? "STANDARD" : o.StorageClass);
            if (fetchOwner)
            {
                BucketXml.WriteOwner(w, "Owner", o.Acl.Owner);
            }

            w.WriteEndElement();
        }

        WriteCommonPrefixes(w, page, encoding);
    }

    private static void WriteCommonPrefixes(S3XmlWriter w, ListingPage page, string? encoding)
    {
        foreach (var prefix in page.CommonPrefixes)
        {
            w.WriteStartElement("CommonPrefixes");
            w.Element("Prefix", Encode(prefix, encoding));
            w.WriteEndElement();
        }
    }

    private static string? EffectiveEncoding(string? requested, ListingPage page, string? a, string? b, string? c, string? d)
    {
        if (requested == Url)
        {
            return Url;
        }

        if (!XmlText.IsValid(a) || !XmlText.IsValid(b) || !XmlText.IsValid(c) || !XmlText.IsValid(d))
        {
            return Url;
        }

        foreach (var o in page.Contents)
        {
            if (!XmlText.IsValid(o.Key))
            {
                return Url;
            }
        }

        foreach (var p in page.CommonPrefixes)
        {
            if (!XmlText.IsValid(p))
            {
                return Url;
            }
        }

        return null;
    }

    private static string Encode(string value, string? encoding) => encoding is null ? value : PercentEncoding.EncodeUrl(value);
}
