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

        if (result.Checksum && result.Checksums.Count > 0)
        {
            w.WriteStartElement("Checksum");
            ObjectXml.WriteChecksums(w, result.Checksums);
            w.Element("ChecksumType", ChecksumTypes.Of(obj.Checksums[0]));
            w.WriteEndElement();
        }

        if (result.Parts is { } page)
        {
            w.WriteStartElement("ObjectParts");
            w.Element("PartsCount", page.PartsCount);
            if (page.Listed)
            {
                w.Element("PartNumberMarker", page.PartNumberMarker);
                w.Element("NextPartNumberMarker", page.NextPartNumberMarker);
                w.Element("MaxParts", page.MaxParts);
                w.Element("IsTruncated", page.IsTruncated);
                foreach (var part in page.Parts ?? [])
                {
                    w.WriteStartElement("Part");
                    if (part.Checksum is { } checksum)
                    {
                        ObjectXml.WriteChecksums(w, [checksum]);
                    }

                    w.Element("PartNumber", part.PartNumber);
                    w.Element("Size", part.Size);
                    w.WriteEndElement();
                }
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
