using System.Buffers;
using System.Text;
using System.Text.Json;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Objects;

namespace BleepStore.Infrastructure.Metadata.Sqlite;

/// <summary>
/// The <c>object_lock</c> columns (schema step 7): a version's or upload's
/// <c>{"legalHold":…,"mode":…,"retainUntil":…}</c> (NULL when it has neither, so unlocked rows cost nothing), and a
/// bucket's <c>{"defaultRetention":{"days"|"years":…,"mode":…}}</c> (<c>{}</c> = enabled without a rule; NULL = not enabled).
/// </summary>
internal static class ObjectLockJson
{
    public static string? Write(ObjectRetention? retention, bool? legalHold)
    {
        if (retention is null && legalHold is null)
        {
            return null;
        }

        return WriteJson(w =>
        {
            w.WriteStartObject();
            if (legalHold is { } hold)
            {
                w.WriteBoolean("legalHold", hold);
            }

            if (retention is not null)
            {
                w.WriteString("mode", retention.Mode);
                w.WriteString("retainUntil", Timestamps.ToText(retention.RetainUntil));
            }

            w.WriteEndObject();
        });
    }

    public static (ObjectRetention? Retention, bool? LegalHold) Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return (null, null);
        }

        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        bool? hold = root.TryGetProperty("legalHold", out var h) && h.ValueKind is JsonValueKind.True or JsonValueKind.False ? h.GetBoolean() : null;
        ObjectRetention? retention = null;
        if (root.TryGetProperty("mode", out var m) && ObjectLockMode.Parse(m.GetString()) is { } mode
            && root.TryGetProperty("retainUntil", out var u) && u.GetString() is { } until)
        {
            retention = new ObjectRetention(mode, Timestamps.FromText(until));
        }

        return (retention, hold);
    }

    public static string? WriteBucket(ObjectLockConfiguration? configuration)
    {
        if (configuration is null)
        {
            return null;
        }

        return WriteJson(w =>
        {
            w.WriteStartObject();
            if (configuration.DefaultRetention is { } rule)
            {
                w.WriteStartObject("defaultRetention");
                if (rule.Days is { } days)
                {
                    w.WriteNumber("days", days);
                }

                w.WriteString("mode", rule.Mode);
                if (rule.Years is { } years)
                {
                    w.WriteNumber("years", years);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        });
    }

    public static ObjectLockConfiguration? ReadBucket(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var doc = JsonDocument.Parse(json);
        if (!doc.RootElement.TryGetProperty("defaultRetention", out var rule)
            || !rule.TryGetProperty("mode", out var m) || ObjectLockMode.Parse(m.GetString()) is not { } mode)
        {
            return ObjectLockConfiguration.EnabledWithoutRule;
        }

        int? days = rule.TryGetProperty("days", out var d) ? d.GetInt32() : null;
        int? years = rule.TryGetProperty("years", out var y) ? y.GetInt32() : null;
        return new ObjectLockConfiguration(new DefaultRetention(mode, days, years));
    }

    private static string WriteJson(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(96);
        using (var w = new Utf8JsonWriter(buffer))
        {
            write(w);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
