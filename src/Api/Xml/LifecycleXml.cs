using System.Globalization;
using System.Xml.Linq;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Lifecycle;
using BleepStore.Domain.Tagging;

namespace BleepStore.Api.Xml;

/// <summary>The <c>LifecycleConfiguration</c> document: request of PutBucketLifecycleConfiguration, answer of GetBucketLifecycleConfiguration.</summary>
internal static class LifecycleXml
{
    public static void Configuration(S3XmlWriter w, IReadOnlyList<LifecycleRule> rules)
    {
        w.WriteStartElement("LifecycleConfiguration", S3Xml.Namespace);
        foreach (var rule in rules)
        {
            w.WriteStartElement("Rule");
            if (rule.Id is not null)
            {
                w.Element("ID", rule.Id);
            }

            WriteFilter(w, rule.Filter);
            w.Element("Status", rule.Enabled ? "Enabled" : "Disabled");
            if (rule.Expiration is { } e)
            {
                w.WriteStartElement("Expiration");
                if (e.Date is { } date)
                {
                    w.Element("Date", date);
                }

                if (e.Days is { } days)
                {
                    w.Element("Days", days);
                }

                if (e.ExpiredObjectDeleteMarker is { } marker)
                {
                    w.Element("ExpiredObjectDeleteMarker", marker);
                }

                w.WriteEndElement();
            }

            if (rule.NoncurrentExpiration is { } n)
            {
                w.WriteStartElement("NoncurrentVersionExpiration");
                w.Element("NoncurrentDays", n.NoncurrentDays);
                if (n.NewerNoncurrentVersions is { } newer)
                {
                    w.Element("NewerNoncurrentVersions", newer);
                }

                w.WriteEndElement();
            }

            if (rule.AbortIncompleteUploadDays is { } abort)
            {
                w.WriteStartElement("AbortIncompleteMultipartUpload");
                w.Element("DaysAfterInitiation", abort);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    /// <summary>
    /// Parses the document with or without the S3 namespace. Another root, an unknown or repeated element, a rule with
    /// both or neither of Filter and Prefix, a Filter with more than one condition, a Status other than
    /// Enabled/Disabled, a number or date that does not parse, or XML that does not parse → MalformedXML; a Transition
    /// or NoncurrentVersionTransition → NotImplemented (storage classes are not built). S3's value rules are
    /// <see cref="LifecycleConfiguration.Validate"/>'s.
    /// </summary>
    public static IReadOnlyList<LifecycleRule> Parse(PooledBufferStream? body)
    {
        if (body is null)
        {
            throw new S3Exception(S3Errors.MalformedXML);
        }

        var root = RequestXml.LoadRoot(body, S3Errors.MalformedXML, preserveWhitespace: true);
        if (root.Name.LocalName != "LifecycleConfiguration")
        {
            throw new S3Exception(S3Errors.MalformedXML);
        }

        var rules = new List<LifecycleRule>();
        foreach (var e in root.Elements())
        {
            if (e.Name.LocalName != "Rule")
            {
                throw new S3Exception(S3Errors.MalformedXML);
            }

            rules.Add(Rule(e));
        }

        return rules;
    }

    private static LifecycleRule Rule(XElement rule)
    {
        string? id = null, status = null, rulePrefix = null;
        LifecycleFilter? filter = null;
        LifecycleExpiration? expiration = null;
        NoncurrentVersionExpiration? noncurrent = null;
        int? abort = null;
        foreach (var e in rule.Elements())
        {
            switch (e.Name.LocalName)
            {
                case "ID" when id is null:
                    id = e.Value;
                    break;
                case "Status" when status is null:
                    status = e.Value.Trim();
                    break;
                case "Prefix" when rulePrefix is null:
                    rulePrefix = e.Value;
                    break;
                case "Filter" when filter is null:
                    filter = Filter(e);
                    break;
                case "Expiration" when expiration is null:
                    expiration = Expiration(e);
                    break;
                case "NoncurrentVersionExpiration" when noncurrent is null:
                    noncurrent = Noncurrent(e);
                    break;
                case "AbortIncompleteMultipartUpload" when abort is null:
                    abort = OnlyChild(e, "DaysAfterInitiation", Int) ?? throw new S3Exception(S3Errors.MalformedXML);
                    break;
                case "Transition" or "NoncurrentVersionTransition":
                    throw new S3Exception(S3Errors.NotImplemented, "Lifecycle transitions (storage classes) are not implemented.");
                default:
                    throw new S3Exception(S3Errors.MalformedXML);
            }
        }

        if (status is not ("Enabled" or "Disabled") || (filter is null) == (rulePrefix is null))
        {
            throw new S3Exception(S3Errors.MalformedXML);
        }

        filter ??= new LifecycleFilter(LifecycleFilterShape.RulePrefix, rulePrefix, [], null, null);
        return new LifecycleRule(id, status == "Enabled", filter, expiration, noncurrent, abort);
    }

    private static LifecycleFilter Filter(XElement filter)
    {
        var children = filter.Elements().ToList();
        if (children.Count == 0)
        {
            return LifecycleFilter.All;
        }

        if (children.Count > 1)
        {
            throw new S3Exception(S3Errors.MalformedXML);
        }

        var e = children[0];
        return e.Name.LocalName switch
        {
            "Prefix" => new LifecycleFilter(LifecycleFilterShape.Prefix, e.Value, [], null, null),
            "Tag" => new LifecycleFilter(LifecycleFilterShape.Tag, null, [Tag(e)], null, null),
            "ObjectSizeGreaterThan" => new LifecycleFilter(LifecycleFilterShape.ObjectSizeGreaterThan, null, [], Long(e), null),
            "ObjectSizeLessThan" => new LifecycleFilter(LifecycleFilterShape.ObjectSizeLessThan, null, [], null, Long(e)),
            "And" => And(e),
            _ => throw new S3Exception(S3Errors.MalformedXML),
        };
    }

    private static LifecycleFilter And(XElement and)
    {
        string? prefix = null;
        long? above = null, below = null;
        var tags = new List<Tag>();
        foreach (var e in and.Elements())
        {
            switch (e.Name.LocalName)
            {
                case "Prefix" when prefix is null:
                    prefix = e.Value;
                    break;
                case "Tag":
                    tags.Add(Tag(e));
                    break;
                case "ObjectSizeGreaterThan" when above is null:
                    above = Long(e);
                    break;
                case "ObjectSizeLessThan" when below is null:
                    below = Long(e);
                    break;
                default:
                    throw new S3Exception(S3Errors.MalformedXML);
            }
        }

        return new LifecycleFilter(LifecycleFilterShape.And, prefix, tags, above, below);
    }

    private static Tag Tag(XElement tag)
    {
        string? key = null, value = null;
        foreach (var e in tag.Elements())
        {
            switch (e.Name.LocalName)
            {
                case "Key" when key is null:
                    key = e.Value;
                    break;
                case "Value" when value is null:
                    value = e.Value;
                    break;
                default:
                    throw new S3Exception(S3Errors.MalformedXML);
            }
        }

        return key is null || value is null ? throw new S3Exception(S3Errors.MalformedXML) : new Tag(key, value);
    }

    private static LifecycleExpiration Expiration(XElement expiration)
    {
        int? days = null;
        DateTimeOffset? date = null;
        bool? marker = null;
        foreach (var e in expiration.Elements())
        {
            switch (e.Name.LocalName)
            {
                case "Days" when days is null:
                    days = Int(e);
                    break;
                case "Date" when date is null:
                    date = Date(e);
                    break;
                case "ExpiredObjectDeleteMarker" when marker is null:
                    marker = e.Value.Trim() switch
                    {
                        "true" => true,
                        "false" => false,
                        _ => throw new S3Exception(S3Errors.MalformedXML),
                    };
                    break;
                default:
                    throw new S3Exception(S3Errors.MalformedXML);
            }
        }

        return new LifecycleExpiration(days, date, marker);
    }

    private static NoncurrentVersionExpiration Noncurrent(XElement noncurrent)
    {
        int? days = null, newer = null;
        foreach (var e in noncurrent.Elements())
        {
            switch (e.Name.LocalName)
            {
                case "NoncurrentDays" when days is null:
                    days = Int(e);
                    break;
                case "NewerNoncurrentVersions" when newer is null:
                    newer = Int(e);
                    break;
                default:
                    throw new S3Exception(S3Errors.MalformedXML);
            }
        }

        // S3 needs NoncurrentDays (0 is refused as not positive by the rules).
        return new NoncurrentVersionExpiration(days ?? 0, newer);
    }

    private static T? OnlyChild<T>(XElement parent, string name, Func<XElement, T> read)
        where T : struct
    {
        T? value = null;
        foreach (var e in parent.Elements())
        {
            if (e.Name.LocalName != name || value is not null)
            {
                throw new S3Exception(S3Errors.MalformedXML);
            }

            value = read(e);
        }

        return value;
    }

    private static int Int(XElement e) =>
        int.TryParse(e.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : throw new S3Exception(S3Errors.MalformedXML);

    private static long Long(XElement e) =>
        long.TryParse(e.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : throw new S3Exception(S3Errors.MalformedXML);

    /// <summary>ISO 8601 as clients send it (<c>2030-01-01T00:00:00Z</c>, <c>…000Z</c>, a date alone); no zone means UTC.</summary>
    private static DateTimeOffset Date(XElement e) =>
        DateTimeOffset.TryParse(e.Value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var v)
            ? v
            : throw new S3Exception(S3Errors.MalformedXML);

    private static void WriteFilter(S3XmlWriter w, LifecycleFilter f)
    {
        if (f.Shape == LifecycleFilterShape.RulePrefix)
        {
            w.Element("Prefix", f.Prefix);
            return;
        }

        w.WriteStartElement("Filter");
        switch (f.Shape)
        {
            case LifecycleFilterShape.Prefix:
                w.Element("Prefix", f.Prefix);
                break;
            case LifecycleFilterShape.Tag:
                WriteTag(w, f.Tags[0]);
                break;
            case LifecycleFilterShape.ObjectSizeGreaterThan:
                w.Element("ObjectSizeGreaterThan", f.ObjectSizeGreaterThan!.Value);
                break;
            case LifecycleFilterShape.ObjectSizeLessThan:
                w.Element("ObjectSizeLessThan", f.ObjectSizeLessThan!.Value);
                break;
            case LifecycleFilterShape.And:
                w.WriteStartElement("And");
                if (f.Prefix is not null)
                {
                    w.Element("Prefix", f.Prefix);
                }

                foreach (var tag in f.Tags)
                {
                    WriteTag(w, tag);
                }

                if (f.ObjectSizeGreaterThan is { } above)
                {
                    w.Element("ObjectSizeGreaterThan", above);
                }

                if (f.ObjectSizeLessThan is { } below)
                {
                    w.Element("ObjectSizeLessThan", below);
                }

                w.WriteEndElement();
                break;
        }

        w.WriteEndElement();
    }

    private static void WriteTag(S3XmlWriter w, Tag tag)
    {
        w.WriteStartElement("Tag");
        w.Element("Key", tag.Key);
        w.Element("Value", tag.Value);
        w.WriteEndElement();
    }
}
