using System.Globalization;
using System.Xml.Linq;
using BleepStore.Domain.Cors;
using BleepStore.Domain.Errors;

namespace BleepStore.Api.Xml;

/// <summary>The <c>CORSConfiguration</c> document: request of PutBucketCors, answer of GetBucketCors.</summary>
internal static class CorsXml
{
    public static void Configuration(S3XmlWriter w, IReadOnlyList<CorsRule> rules)
    {
        w.WriteStartElement("CORSConfiguration", S3Xml.Namespace);
        foreach (var rule in rules)
        {
            w.WriteStartElement("CORSRule");
            if (rule.Id is not null)
            {
                w.Element("ID", rule.Id);
            }

            foreach (var v in rule.AllowedHeaders)
            {
                w.Element("AllowedHeader", v);
            }

            foreach (var v in rule.AllowedMethods)
            {
                w.Element("AllowedMethod", v);
            }

            foreach (var v in rule.AllowedOrigins)
            {
                w.Element("AllowedOrigin", v);
            }

            foreach (var v in rule.ExposeHeaders)
            {
                w.Element("ExposeHeader", v);
            }

            if (rule.MaxAgeSeconds is { } maxAge)
            {
                w.Element("MaxAgeSeconds", maxAge.ToString(CultureInfo.InvariantCulture));
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    /// <summary>
    /// <c>CORSConfiguration: CORSRule*: ID?, AllowedMethod*, AllowedOrigin*, AllowedHeader*, ExposeHeader*,
    /// MaxAgeSeconds?</c>, with or without the S3 namespace, as sent (<see cref="CorsConfiguration.Validate"/>
    /// applies S3's rules). An empty body, another root, an unknown element, a repeated ID or MaxAgeSeconds,
    /// a MaxAgeSeconds that is not an integer, or XML that does not parse → MalformedXML.
    /// </summary>
    public static IReadOnlyList<CorsRule> Parse(PooledBufferStream? body)
    {
        if (body is null)
        {
            throw new S3Exception(S3Errors.MalformedXML);
        }

        var root = RequestXml.LoadRoot(body, S3Errors.MalformedXML, preserveWhitespace: true);
        if (root.Name.LocalName != "CORSConfiguration")
        {
            throw new S3Exception(S3Errors.MalformedXML);
        }

        var rules = new List<CorsRule>();
        foreach (var e in root.Elements())
        {
            if (e.Name.LocalName != "CORSRule")
            {
                throw new S3Exception(S3Errors.MalformedXML);
            }

            rules.Add(Rule(e));
        }

        return rules;
    }

    private static CorsRule Rule(XElement rule)
    {
        string? id = null;
        int? maxAge = null;
        List<string> methods = [], origins = [], headers = [], expose = [];
        foreach (var e in rule.Elements())
        {
            var value = e.Value.Trim();
            switch (e.Name.LocalName)
            {
                case "ID" when id is null:
                    id = e.Value;
                    break;
                case "AllowedMethod":
                    methods.Add(value);
                    break;
                case "AllowedOrigin":
                    origins.Add(value);
                    break;
                case "AllowedHeader":
                    headers.Add(value);
                    break;
                case "ExposeHeader":
                    expose.Add(value);
                    break;
                case "MaxAgeSeconds" when maxAge is null && int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds):
                    maxAge = seconds;
                    break;
                default:
                    throw new S3Exception(S3Errors.MalformedXML);
            }
        }

        return new CorsRule(id, methods, origins, headers, expose, maxAge);
    }
}
