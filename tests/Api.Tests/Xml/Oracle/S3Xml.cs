using System.Globalization;
using System.Text;
using System.Xml;
using BleepStore.Api.Xml;
using XmlText = BleepStore.Api.Xml.XmlText;

namespace BleepStore.Api.Tests.Xml.Oracle;

/// <summary>
/// The oracle for <see cref="S3XmlWriterIdentityTests"/>: S3Xml and the document writers (this folder) as they
/// were when responses went through System.Xml's XmlWriter (commit da6707c), with its settings. Kept verbatim so
/// the purpose-built writer can be compared byte for byte; a deliberate change to a document is made to its copy
/// here too.
/// </summary>
internal static class S3Xml
{
    public const string Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";
    public const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";
    public const string ContentType = "application/xml";

    private static readonly byte[] Prolog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"u8.ToArray();

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        OmitXmlDeclaration = true,
        Indent = false,
        // '\r' in a key must survive a parser's line-end normalisation: write it as &#xD;.
        NewLineHandling = NewLineHandling.Entitize,
        // Text is made XML-legal before it reaches the writer (XmlText); skip the writer's own scan.
        CheckCharacters = false,
        CloseOutput = false,
    };

    /// <summary>Starts a document in <paramref name="buffer"/> (UTF-8 prolog written); dispose the writer to flush.</summary>
    public static XmlWriter Create(PooledBufferStream buffer)
    {
        buffer.Write(Prolog);
        return XmlWriter.Create(buffer, Settings);
    }

    /// <summary>A text element; the value made XML-legal.</summary>
    public static void Element(this XmlWriter w, string name, string? value)
    {
        w.WriteStartElement(name);
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteString(XmlText.Sanitize(value));
        }

        w.WriteEndElement();
    }

    public static void Element(this XmlWriter w, string name, long value)
    {
        w.WriteStartElement(name);
        w.WriteString(value.ToString(CultureInfo.InvariantCulture));
        w.WriteEndElement();
    }

    public static void Element(this XmlWriter w, string name, bool value) => w.Element(name, value ? "true" : "false");

    public static void Element(this XmlWriter w, string name, DateTimeOffset value) => w.Element(name, FormatDate(value));

    /// <summary>XML timestamps: <c>2026-02-22T12:00:00.000Z</c> (spec 50).</summary>
    public static string FormatDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
