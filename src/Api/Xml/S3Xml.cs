namespace BleepStore.Api.Xml;

/// <summary>Shared pieces of every XML document BleepStore writes.</summary>
internal static class S3Xml
{
    public const string Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";
    public const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";
    public const string ContentType = "application/xml";

    private static readonly byte[] Prolog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"u8.ToArray();

    /// <summary>Starts a document in <paramref name="buffer"/> (UTF-8 prolog written); dispose the writer to close what is open.</summary>
    public static S3XmlWriter Create(PooledBufferStream buffer)
    {
        buffer.Write(Prolog);
        return new S3XmlWriter(buffer);
    }

    /// <summary>A text element; the value made XML-legal.</summary>
    public static void Element(this S3XmlWriter w, string name, string? value)
    {
        w.WriteStartElement(name);
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteString(XmlText.Sanitize(value));
        }

        w.WriteEndElement();
    }

    /// <summary>Formatted straight into the buffer: page writers call this twice per key.</summary>
    public static void Element(this S3XmlWriter w, string name, long value)
    {
        w.WriteStartElement(name);
        w.WriteValue(value, default);
        w.WriteEndElement();
    }

    public static void Element(this S3XmlWriter w, string name, bool value) => w.Element(name, value ? "true" : "false");

    public static void Element(this S3XmlWriter w, string name, DateTimeOffset value)
    {
        w.WriteStartElement(name);
        w.WriteTimestamp(value);
        w.WriteEndElement();
    }
}
