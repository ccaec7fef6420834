using System.Xml;
using BleepStore.Domain.Errors;
using BleepStore.Api.Xml;

namespace BleepStore.Api.Tests.Xml.Oracle;

/// <summary>The S3 <c>Error</c> document (spec 50): no namespace; details between Resource and RequestId.</summary>
internal static class ErrorXml
{
    public static void Write(XmlWriter w, S3ErrorCode code, string message, string resource, IReadOnlyList<KeyValuePair<string, string>> details, string requestId, string hostId)
    {
        w.WriteStartElement("Error");
        w.Element("Code", code.Code);
        w.Element("Message", message);
        w.Element("Resource", resource);
        foreach (var (name, value) in details)
        {
            if (IsElementName(name))
            {
                w.Element(name, value);
            }
        }

        w.Element("RequestId", requestId);
        w.Element("HostId", hostId);
        w.WriteEndElement();
    }

    private static bool IsElementName(string name)
    {
        if (name.Length == 0 || !char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
