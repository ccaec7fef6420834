using System.Globalization;
using System.Xml.Linq;
using BleepStore.Application.ObjectLock;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;

namespace BleepStore.Api.Xml;

/// <summary>The object lock documents: ObjectLockConfiguration, Retention and LegalHold, parsed and written as S3 does.</summary>
internal static class ObjectLockXml
{
    /// <summary>S3 caps default retention at 100 years.</summary>
    private const int MaxDays = 36500;
    private const int MaxYears = 100;

    /// <summary>
    /// <c>ObjectLockConfiguration: ObjectLockEnabled (Enabled), Rule?: DefaultRetention: Mode, (Days | Years)</c>.
    /// Anything else, both or neither of Days and Years, or an unknown mode → MalformedXML; a period that is not a
    /// positive integer → InvalidArgument.
    /// </summary>
    public static ObjectLockConfiguration ParseConfiguration(PooledBufferStream? body)
    {
        var root = Root(body, "ObjectLockConfiguration");
        string? enabled = null;
        XElement? rule = null;
        foreach (var e in root.Elements())
        {
            switch (e.Name.LocalName)
            {
                case "ObjectLockEnabled" when enabled is null:
                    enabled = e.Value;
                    break;
                case "Rule" when rule is null:
                    rule = e;
                    break;
                default:
                    throw Malformed();
            }
        }

        if (enabled != "Enabled")
        {
            throw Malformed();
        }

        return rule is null ? ObjectLockConfiguration.EnabledWithoutRule : new ObjectLockConfiguration(ParseRule(rule));
    }

    private static DefaultRetention ParseRule(XElement rule)
    {
        var retention = rule.Elements().SingleOrDefault();
        if (retention is null || retention.Name.LocalName != "DefaultRetention" || rule.Elements().Count() != 1)
        {
            throw Malformed();
        }

        string? mode = null, days = null, years = null;
        foreach (var e in retention.Elements())
        {
            switch (e.Name.LocalName)
            {
                case "Mode" when mode is null:
                    mode = e.Value;
                    break;
                case "Days" when days is null:
                    days = e.Value;
                    break;
                case "Years" when years is null:
                    years = e.Value;
                    break;
                default:
                    throw Malformed();
            }
        }

        if (ObjectLockMode.Parse(mode) is not { } parsed || (days is null) == (years is null))
        {
            throw Malformed();
        }

        return days is not null
            ? new DefaultRetention(parsed, Period(days, MaxDays), null)
            : new DefaultRetention(parsed, null, Period(years!, MaxYears));
    }

    private static int Period(string text, int max)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new S3Exception(S3Errors.InvalidArgument, "Default retention period must be a positive integer value.");
        }

        if (value > max)
        {
            throw new S3Exception(S3Errors.InvalidArgument, "Default retention period is too large.");
        }

        return value;
    }

    /// <summary>
    /// <c>Retention: Mode?, RetainUntilDate?</c>: both (a retention) or neither (null: remove it). One without the
    /// other, an unknown mode or a date that is not ISO 8601 → MalformedXML.
    /// </summary>
    public static ObjectRetention? ParseRetention(PooledBufferStream? body)
    {
        var root = Root(body, "Retention");
        string? mode = null, until = null;
        foreach (var e in root.Elements())
        {
            switch (e.Name.LocalName)
            {
                case "Mode" when mode is null:
                    mode = e.Value;
                    break;
                case "RetainUntilDate" when until is null:
                    until = e.Value;
                    break;
                default:
                    throw Malformed();
            }
        }

        if (mode is null && until is null)
        {
            return null;
        }

        if (ObjectLockMode.Parse(mode) is not { } parsed || until is null || !ObjectLockHeaders.TryParseDate(until, out var date))
        {
            throw Malformed();
        }

        return new ObjectRetention(parsed, date);
    }

    /// <summary><c>LegalHold: Status (ON | OFF)</c>; anything else → MalformedXML.</summary>
    public static bool ParseLegalHold(PooledBufferStream? body)
    {
        var root = Root(body, "LegalHold");
        var elements = root.Elements().ToList();
        if (elements.Count != 1 || elements[0].Name.LocalName != "Status" || elements[0].Value is not ("ON" or "OFF"))
        {
            throw Malformed();
        }

        return elements[0].Value == "ON";
    }

    public static void Configuration(S3XmlWriter w, ObjectLockConfiguration configuration)
    {
        w.WriteStartElement("ObjectLockConfiguration", S3Xml.Namespace);
        w.WriteElementString("ObjectLockEnabled", S3Xml.Namespace, "Enabled");
        if (configuration.DefaultRetention is { } rule)
        {
            w.WriteStartElement("Rule", S3Xml.Namespace);
            w.WriteStartElement("DefaultRetention", S3Xml.Namespace);
            w.WriteElementString("Mode", S3Xml.Namespace, rule.Mode);
            if (rule.Days is { } days)
            {
                w.WriteElementString("Days", S3Xml.Namespace, days.ToString(CultureInfo.InvariantCulture));
            }

            if (rule.Years is { } years)
            {
                w.WriteElementString("Years", S3Xml.Namespace, years.ToString(CultureInfo.InvariantCulture));
            }

            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    public static void Retention(S3XmlWriter w, ObjectRetention retention)
    {
        w.WriteStartElement("Retention", S3Xml.Namespace);
        w.WriteElementString("Mode", S3Xml.Namespace, retention.Mode);
        w.WriteElementString("RetainUntilDate", S3Xml.Namespace, ObjectLockHeaders.FormatDate(retention.RetainUntil));
        w.WriteEndElement();
    }

    public static void LegalHold(S3XmlWriter w, bool on)
    {
        w.WriteStartElement("LegalHold", S3Xml.Namespace);
        w.WriteElementString("Status", S3Xml.Namespace, on ? "ON" : "OFF");
        w.WriteEndElement();
    }

    private static XElement Root(PooledBufferStream? body, string name)
    {
        if (body is null)
        {
            throw Malformed();
        }

        var root = RequestXml.LoadRoot(body, S3Errors.MalformedXML);
        return root.Name.LocalName == name ? root : throw Malformed();
    }

    private static S3Exception Malformed() => new(S3Errors.MalformedXML);
}
