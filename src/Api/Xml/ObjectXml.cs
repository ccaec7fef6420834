using BleepStore.Application.Objects.CopyObject;
using BleepStore.Application.Objects.DeleteObjects;
using BleepStore.Application.Uploads.UploadPartCopy;
using BleepStore.Domain.Checksums;

namespace BleepStore.Api.Xml;

/// <summary>Success documents of CopyObject, UploadPartCopy and DeleteObjects (spec 20, 30).</summary>
internal static class ObjectXml
{
    public static void CopyObjectResult(S3XmlWriter w, CopyObjectResult result)
    {
        w.WriteStartElement("CopyObjectResult", S3Xml.Namespace);
        w.Element("ETag", result.ETag);
        w.Element("LastModified", result.LastModified);
        w.WriteEndElement();
    }

    public static void CopyPartResult(S3XmlWriter w, UploadPartCopyResult result)
    {
        w.WriteStartElement("CopyPartResult", S3Xml.Namespace);
        w.Element("ETag", result.ETag);
        w.Element("LastModified", result.LastModified);
        WriteChecksums(w, result.Checksums);
        w.WriteEndElement();
    }

    /// <summary><c>Deleted*</c> (omitted in quiet mode) then <c>Error*</c>.</summary>
    public static void DeleteResult(S3XmlWriter w, DeleteObjectsResult result)
    {
        w.WriteStartElement("DeleteResult", S3Xml.Namespace);
        if (!result.Quiet)
        {
            foreach (var deleted in result.Deleted)
            {
                w.WriteStartElement("Deleted");
                w.Element("Key", deleted.Key);
                if (deleted.VersionId is not null)
                {
                    w.Element("VersionId", deleted.VersionId);
                }

                if (deleted.DeleteMarker)
                {
                    w.Element("DeleteMarker", true);
                    if (deleted.DeleteMarkerVersionId is not null)
                    {
                        w.Element("DeleteMarkerVersionId", deleted.DeleteMarkerVersionId);
                    }
                }

                w.WriteEndElement();
            }
        }

        foreach (var error in result.Errors)
        {
            w.WriteStartElement("Error");
            w.Element("Key", error.Key);
            if (error.VersionId is not null)
            {
                w.Element("VersionId", error.VersionId);
            }

            w.Element("Code", error.Code);
            w.Element("Message", error.Message);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    /// <summary><c>ChecksumCRC32</c>, <c>ChecksumSHA256</c>… one element per checksum.</summary>
    public static void WriteChecksums(S3XmlWriter w, IReadOnlyList<ChecksumValue> checksums)
    {
        foreach (var checksum in checksums)
        {
            w.Element(ElementName(checksum.Algorithm), checksum.Base64);
        }
    }

    public static string ElementName(ChecksumAlgorithm algorithm) => algorithm switch
    {
        ChecksumAlgorithm.Crc32 => "ChecksumCRC32",
        ChecksumAlgorithm.Crc32C => "ChecksumCRC32C",
        ChecksumAlgorithm.Crc64Nvme => "ChecksumCRC64NVME",
        ChecksumAlgorithm.Sha1 => "ChecksumSHA1",
        _ => "ChecksumSHA256",
    };
}
