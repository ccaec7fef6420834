using BleepStore.Api.S3;
using BleepStore.Application.Uploads.CompleteMultipartUpload;
using BleepStore.Application.Uploads.CreateMultipartUpload;
using BleepStore.Application.Uploads.ListMultipartUploads;
using BleepStore.Application.Uploads.ListParts;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Uploads;

namespace BleepStore.Api.Xml;

/// <summary>Success documents of the multipart operations (spec 30).</summary>
internal static class MultipartXml
{
    private const string Url = "url";

    public static void InitiateMultipartUploadResult(S3XmlWriter w, CreateMultipartUploadResult result)
    {
        w.WriteStartElement("InitiateMultipartUploadResult", S3Xml.Namespace);
        w.Element("Bucket", result.Bucket);
        w.Element("Key", result.Key);
        w.Element("UploadId", result.UploadId);
        w.WriteEndElement();
    }

    /// <param name="state">The result and the <c>Location</c> URL the Api built from the request.</param>
    public static void CompleteMultipartUploadResult(S3XmlWriter w, (CompleteMultipartUploadResult Result, string Location) state)
    {
        var (result, location) = state;
        w.WriteStartElement("CompleteMultipartUploadResult", S3Xml.Namespace);
        w.Element("Location", location);
        w.Element("Bucket", result.Bucket);
        w.Element("Key", result.Key);
        w.Element("ETag", result.ETag);
        if (result.Checksum is { } checksum)
        {
            w.Element(ObjectXml.ElementName(checksum.Algorithm), checksum.Base64);
            w.Element("ChecksumType", result.ChecksumType ?? ChecksumTypes.Of(checksum));
        }

        w.WriteEndElement();
    }

    public static void ListMultipartUploadsResult(S3XmlWriter w, ListMultipartUploadsResult r)
    {
        var q = r.Query;
        var encoding = EffectiveEncoding(r);
        w.WriteStartElement("ListMultipartUploadsResult", S3Xml.Namespace);
        w.Element("Bucket", r.Bucket.Name);
        w.Element("KeyMarker", Encode(q.KeyMarker ?? "", encoding));
        w.Element("UploadIdMarker", q.UploadIdMarker ?? "");
        if (r.NextKeyMarker is not null)
        {
            w.Element("NextKeyMarker", Encode(r.NextKeyMarker, encoding));
        }

        if (r.NextUploadIdMarker is not null)
        {
            w.Element("NextUploadIdMarker", r.NextUploadIdMarker);
        }

        if (encoding is not null)
        {
            w.Element("EncodingType", encoding);
        }

        w.Element("MaxUploads", r.MaxUploads);
        w.Element("IsTruncated", r.IsTruncated);
        w.Element("Prefix", Encode(q.Prefix ?? "", encoding));
        if (!string.IsNullOrEmpty(q.Delimiter))
        {
            w.Element("Delimiter", Encode(q.Delimiter, encoding));
        }

        foreach (var upload in r.Uploads)
        {
            w.WriteStartElement("Upload");
            w.Element("Key", Encode(upload.Key, encoding));
            w.Element("UploadId", upload.UploadId);
            BucketXml.WriteOwner(w, "Initiator", upload.Initiator);
            BucketXml.WriteOwner(w, "Owner", upload.Acl.Owner);
            w.Element("StorageClass", StorageClass(upload));
            w.Element("Initiated", upload.Initiated);
            WriteChecksumAlgorithm(w, upload);
            w.WriteEndElement();
        }

        foreach (var prefix in r.CommonPrefixes)
        {
            w.WriteStartElement("CommonPrefixes");
            w.Element("Prefix", Encode(prefix, encoding));
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    public static void ListPartsResult(S3XmlWriter w, ListPartsResult r)
    {
        var upload = r.Upload;
        w.WriteStartElement("ListPartsResult", S3Xml.Namespace);
        w.Element("Bucket", upload.Bucket);
        w.Element("Key", upload.Key);
        w.Element("UploadId", upload.UploadId);
        BucketXml.WriteOwner(w, "Initiator", upload.Initiator);
        BucketXml.WriteOwner(w, "Owner", upload.Acl.Owner);
        w.Element("StorageClass", StorageClass(upload));
        w.Element("PartNumberMarker", r.PartNumberMarker);
        if (r.NextPartNumberMarker is { } next)
        {
            w.Element("NextPartNumberMarker", next);
        }

        w.Element("MaxParts", r.MaxParts);
        w.Element("IsTruncated", r.IsTruncated);
        WriteChecksumAlgorithm(w, upload);
        foreach (var part in r.Parts)
        {
            w.WriteStartElement("Part");
            w.Element("PartNumber", part.PartNumber);
            w.Element("LastModified", part.LastModified);
            w.Element("ETag", part.ETag);
            w.Element("Size", part.Size);
            ObjectXml.WriteChecksums(w, part.Checksums);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void WriteChecksumAlgorithm(S3XmlWriter w, MultipartUpload upload)
    {
        if (upload.ChecksumAlgorithm is { } algorithm)
        {
            w.Element("ChecksumAlgorithm", algorithm.S3Name());
            if (upload.ChecksumType is not null)
            {
                w.Element("ChecksumType", upload.ChecksumType);
            }
        }
    }

    private static string StorageClass(MultipartUpload upload) => string.IsNullOrEmpty(upload.StorageClass) ? "STANDARD" : upload.StorageClass;

    /// <summary>As in listings (see <see cref="ListingXml"/>): <c>url</c> when asked for, or when a value cannot be carried by XML.</summary>
    private static string? EffectiveEncoding(ListMultipartUploadsResult r)
    {
        var q = r.Query;
        if (q.EncodingType == Url)
        {
            return Url;
        }

        if (!XmlText.IsValid(q.Prefix) || !XmlText.IsValid(q.Delimiter) || !XmlText.IsValid(q.KeyMarker) || !XmlText.IsValid(r.NextKeyMarker))
        {
            return Url;
        }

        foreach (var upload in r.Uploads)
        {
            if (!XmlText.IsValid(upload.Key))
            {
                return Url;
            }
        }

        foreach (var prefix in r.CommonPrefixes)
        {
            if (!XmlText.IsValid(prefix))
            {
                return Url;
            }
        }

        return null;
    }

    private static string Encode(string value, string? encoding) => encoding is null ? value : PercentEncoding.EncodeUrl(value);
}
