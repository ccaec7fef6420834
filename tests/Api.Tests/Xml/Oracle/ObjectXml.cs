using System.Xml;
using BleepStore.Application.Objects.CopyObject;
using BleepStore.Application.Objects.DeleteObjects;
using BleepStore.Application.Uploads.UploadPartCopy;
using BleepStore.Domain.Checksums;
using BleepStore.Api.Xml;

namespace BleepStore.Api.Tests.Xml.Oracle;

/// <summary>Success documents of CopyObject, UploadPartCopy and DeleteObjects (spec 20, 30).</summary>
internal static class ObjectXml
{
    public static void CopyObjectResult(XmlWriter w, CopyObjectResult result)
    {
        w.WriteStartElement("CopyObjectResult", S3Xml.Namespace);
        w.Element("ETag", result.ETag);
        w.Element("LastModified", result.LastModified);
        w.WriteEndElement();
    }

    public static void CopyPartResult(XmlWriter w, UploadPartCopyResult result)
    {
        w.WriteStartElement("CopyPartResult", S3Xml.Namespace);
        w.Element("ETag", result.ETag);
        w.Element("LastModified", result.LastModified);
        WriteChecksums(w, result.Checksums);
        w.WriteEndElement();
    }

    /// <summary><c>Deleted*</c> (omitted in quiet mode) then <c>Error*</c>.</summary>
    public static void DeleteResult(XmlWriter w, DeleteObjectsResult result)
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

                w.WriteEndElement();
            }
        }

        foreach (var error in result.Errors)
        {
            w.WriteStartElement("Error");
            w.Element("Key", error.Key);
            w.Element("Code", error.Code);
            w.Element("Message", error.Message);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    /// <summary><c>ChecksumCRC32</c>, <c>ChecksumSHA256</c>… one element per checksum.</summary>
    public static void WriteChecksums(XmlWriter w, IReadOnlyList<ChecksumValue> checksums)
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
