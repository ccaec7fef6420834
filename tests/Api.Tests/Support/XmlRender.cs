using System.Text;
using System.Xml;
using System.Xml.Linq;
using BleepStore.Api.Xml;

namespace BleepStore.Api.Tests.Support;

internal static class XmlRender
{
    public static readonly XNamespace Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

    public static string Render<T>(T state, Action<S3XmlWriter, T> write)
    {
        using var buffer = new PooledBufferStream(16);
        using (var w = S3Xml.Create(buffer))
        {
            write(w, state);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Parses strictly (XML 1.0 character rules on): throws if the document is not well-formed.</summary>
    public static XDocument Parse(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { CheckCharacters = true, DtdProcessing = DtdProcessing.Prohibit });
        return XDocument.Load(reader);
    }
}
