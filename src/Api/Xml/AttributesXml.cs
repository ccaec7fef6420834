using BleepStore.Application.Objects.GetObjectAttributes;

namespace BleepStore.Api.Xml;

/// <summary>The <c>GetObjectAttributesResponse</c> document: only the attributes asked for, in S3's order.</summary>
internal static class AttributesXml
{
    public static void GetObjectAttributesResponse(S3XmlWriter w, GetObjectAttributesResult result)
    {
        var obj = result.Object;
        w.WriteStartElement("GetObjectAttributesResponse", S3Xml.Namespace);
        if (result.ETag)
        {
            // S3 writes this ETag without its quotes.
            w.Element("ETag", obj.ETag.Trim('"'));
        }

        if (result.Checksum && obj.Checksums.Count > 0)
        {
            w.WriteStartElement("Checksum");
            ObjectXml.WriteChecksums(w, obj.Checksums);
            w.Element("ChecksumType", obj.Checksums.Any(c => c.Base64.Contains('-', StringComparison.Ordinal)) ? "COMPOSITE" : "FULL_OBJECT");
            w.WriteEndElement();
        }

        if (result.ObjectParts)
        {
            w.WriteStartElement("ObjectParts");
            w.Element("PartsCount", obj.PartSizes.Count);
            w.Element("PartNumberMarker", result.PartNumberMarker);
            if (result.NextPartNumberMarker is { } next)
            {
                w.Element("NextPartNumberMarker", next);
            }

            w.Element("MaxParts", result.MaxParts);
            w.Element("IsTruncated", result.IsTruncated);
            foreach (var (number, size) in result.Parts)
            {
                w.WriteStartElement("Part");
                w.Element("PartNumber", number);
                w.Element("Size", size);
                if (number <= obj.PartChecksums.Count)
                {
                    ObjectXml.WriteChecksums(w, [obj.PartChecksums[number - 1]]);
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        if (result.StorageClass)
        {
            w.Element("StorageClass", obj.StorageClass);
        }

        if (result.ObjectSize)
        {
            w.Element("ObjectSize", obj.Size);
        }

        w.WriteEndElement();
    }
}
