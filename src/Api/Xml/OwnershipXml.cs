using BleepStore.Api.Http;
using BleepStore.Domain.Errors;

namespace BleepStore.Api.Xml;

/// <summary>The <c>OwnershipControls</c> document of Put/GetBucketOwnershipControls: one Rule with one ObjectOwnership.</summary>
internal static class OwnershipXml
{
    public static void OwnershipControls(S3XmlWriter w, string objectOwnership)
    {
        w.WriteStartElement("OwnershipControls", S3Xml.Namespace);
        w.WriteStartElement("Rule");
        w.Element("ObjectOwnership", objectOwnership);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>
    /// <c>OwnershipControls/Rule/ObjectOwnership</c>, with or without the namespace. No body, another root, not
    /// exactly one Rule with one ObjectOwnership, or XML that does not parse → MalformedXML. The value is judged
    /// by the handler (an unknown one is MalformedXML too, as S3 answers).
    /// </summary>
    public static string Parse(PooledBufferStream? body)
    {
        if (body is null)
        {
            throw new S3Exception(S3Errors.MalformedXML);
        }

        var root = RequestXml.LoadRoot(body, S3Errors.MalformedXML);
        var rules = root.Elements().ToList();
        if (root.Name.LocalName != "OwnershipControls" || rules.Count != 1 || rules[0].Name.LocalName != "Rule")
        {
            throw new S3Exception(S3Errors.MalformedXML);
        }

        var values = rules[0].Elements().ToList();
        if (values.Count != 1 || values[0].Name.LocalName != "ObjectOwnership")
        {
            throw new S3Exception(S3Errors.MalformedXML);
        }

        return values[0].Value.Trim();
    }
}
