using System.Xml.Linq;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Tagging;

namespace BleepStore.Api.Xml;

/// <summary>The <c>Tagging</c> document: request of Put*Tagging, answer of Get*Tagging.</summary>
internal static class TaggingXml
{
    public static void Tagging(S3XmlWriter w, IReadOnlyList<Tag> tags)
    {
        w.WriteStartElement("Tagging", S3Xml.Namespace);
        w.WriteStartElement("TagSet");
        foreach (var tag in tags)
        {
            w.WriteStartElement("Tag");
            w.Element("Key", tag.Key);
            w.Element("Value", tag.Value);
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>
    /// <c>Tagging: TagSet: Tag*: Key, Value</c>, with or without the S3 namespace; the tags as sent (the
    /// use case applies the rules). An empty body, another root, no TagSet, a Tag without Key or
    /// Value, or XML that does not parse → MalformedXML.
    /// </summary>
    public static IReadOnlyList<Tag> Parse(PooledBufferStream? body)
    {
        if (body is null)
        {
            throw new S3Exception(S3Errors.MalformedXML);
        }

        var root = RequestXml.LoadRoot(body, S3Errors.MalformedXML, preserveWhitespace: true);
        if (root.Name.LocalName != "Tagging" || Child(root, "TagSet") is not { } set)
        {
            throw new S3Exception(S3Errors.MalformedXML);
        }

        var tags = new List<Tag>();
        foreach (var e in set.Elements())
        {
            if (e.Name.LocalName != "Tag" || Child(e, "Key") is not { } key || Child(e, "Value") is not { } value)
            {
                throw new S3Exception(S3Errors.MalformedXML);
            }

            tags.Add(new Tag(key.Value, value.Value));
        }

        return tags;
    }

    private static XElement? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName);
}
