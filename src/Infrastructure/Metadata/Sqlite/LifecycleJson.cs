using System.Buffers;
using System.Globalization;
using System.Text.Json;
using BleepStore.Domain.Lifecycle;
using BleepStore.Domain.Tagging;

namespace BleepStore.Infrastructure.Metadata.Sqlite;

/// <summary>
/// A bucket's lifecycle rules as the <c>buckets.lifecycle</c> column keeps them, in order:
/// <c>[{"id":…,"enabled":true,"filter":{"shape":"And","prefix":…,"tags":[{"key":…,"value":…}],"gt":…,"lt":…},
/// "expiration":{"days":…|"date":"…"|"marker":true},"noncurrent":{"days":…,"newer":…},"abortDays":…},…]</c>.
/// </summary>
internal static class LifecycleJson
{
    public static string Write(IReadOnlyList<LifecycleRule> rules)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var rule in rules)
            {
                w.WriteStartObject();
                if (rule.Id is not null)
                {
                    w.WriteString("id", rule.Id);
                }

                w.WriteBoolean("enabled", rule.Enabled);
                WriteFilter(w, rule.Filter);
                if (rule.Expiration is { } e)
                {
                    w.WriteStartObject("expiration");
                    if (e.Days is { } days)
                    {
                        w.WriteNumber("days", days);
                    }

                    if (e.Date is { } date)
                    {
                        w.WriteString("date", date.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                    }

                    if (e.ExpiredObjectDeleteMarker is { } marker)
                    {
                        w.WriteBoolean("marker", marker);
                    }

                    w.WriteEndObject();
                }

                if (rule.NoncurrentExpiration is { } n)
                {
                    w.WriteStartObject("noncurrent");
                    w.WriteNumber("days", n.NoncurrentDays);
                    if (n.NewerNoncurrentVersions is { } newer)
                    {
                        w.WriteNumber("newer", newer);
                    }

                    w.WriteEndObject();
                }

                if (rule.AbortIncompleteUploadDays is { } abort)
                {
                    w.WriteNumber("abortDays", abort);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyList<LifecycleRule> Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var rules = new List<LifecycleRule>(doc.RootElement.GetArrayLength());
        foreach (var r in doc.RootElement.EnumerateArray())
        {
            LifecycleExpiration? expiration = null;
            if (r.TryGetProperty("expiration", out var e))
            {
                expiration = new LifecycleExpiration(
                    e.TryGetProperty("days", out var days) ? days.GetInt32() : null,
                    e.TryGetProperty("date", out var date) ? DateTimeOffset.Parse(date.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null,
                    e.TryGetProperty("marker", out var marker) ? marker.GetBoolean() : null);
            }

            NoncurrentVersionExpiration? noncurrent = null;
            if (r.TryGetProperty("noncurrent", out var n))
            {
                noncurrent = new NoncurrentVersionExpiration(n.GetProperty("days").GetInt32(), n.TryGetProperty("newer", out var newer) ? newer.GetInt32() : null);
            }

            rules.Add(new LifecycleRule(
                r.TryGetProperty("id", out var id) ? id.GetString() : null,
                r.GetProperty("enabled").GetBoolean(),
                ReadFilter(r.GetProperty("filter")),
                expiration,
                noncurrent,
                r.TryGetProperty("abortDays", out var abort) ? abort.GetInt32() : null));
        }

        return rules;
    }

    private static void WriteFilter(Utf8JsonWriter w, LifecycleFilter f)
    {
        w.WriteStartObject("filter");
        w.WriteString("shape", f.Shape.ToString());
        if (f.Prefix is not null)
        {
            w.WriteString("prefix", f.Prefix);
        }

        if (f.Tags.Count > 0)
        {
            w.WriteStartArray("tags");
            foreach (var tag in f.Tags)
            {
                w.WriteStartObject();
                w.WriteString("key", tag.Key);
                w.WriteString("value", tag.Value);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (f.ObjectSizeGreaterThan is { } gt)
        {
            w.WriteNumber("gt", gt);
        }

        if (f.ObjectSizeLessThan is { } lt)
        {
            w.WriteNumber("lt", lt);
        }

        w.WriteEndObject();
    }

    private static LifecycleFilter ReadFilter(JsonElement f)
    {
        var tags = new List<Tag>();
        if (f.TryGetProperty("tags", out var array))
        {
            foreach (var t in array.EnumerateArray())
            {
                tags.Add(new Tag(t.GetProperty("key").GetString() ?? "", t.GetProperty("value").GetString() ?? ""));
            }
        }

        return new LifecycleFilter(
            Enum.Parse<LifecycleFilterShape>(f.GetProperty("shape").GetString()!),
            f.TryGetProperty("prefix", out var prefix) ? prefix.GetString() : null,
            tags,
            f.TryGetProperty("gt", out var gt) ? gt.GetInt64() : null,
            f.TryGetProperty("lt", out var lt) ? lt.GetInt64() : null);
    }
}
