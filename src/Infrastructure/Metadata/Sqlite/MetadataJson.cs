using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;
using BleepStore.Domain.Access;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Cors;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Tagging;

namespace BleepStore.Infrastructure.Metadata.Sqlite;

/// <summary>
/// The JSON columns (spec 60): compact, keys sorted at every level (what the import tool writes, so
/// equal data gives equal text), non-ASCII unescaped.
/// </summary>
internal static class MetadataJson
{
    private const int CacheLimit = 4096;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly IReadOnlyDictionary<string, string> EmptyMetadata = new Dictionary<string, string>();

    // Most rows of a store share a handful of ACL texts; parsing each once keeps listings cheap. ACLs are immutable records.
    private static readonly ConcurrentDictionary<string, AccessControlList> AclCache = new(StringComparer.Ordinal);

    public static string WriteAcl(AccessControlList acl)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteStartArray("grants");
            foreach (var grant in acl.Grants)
            {
                w.WriteStartObject();
                w.WriteStartObject("grantee");
                var g = grant.Grantee;
                if (g.Type == GranteeType.Group)
                {
                    w.WriteString("type", "Group");
                    w.WriteString("uri", g.Uri);
                }
                else
                {
                    if (g.DisplayName is not null)
                    {
                        w.WriteString("display_name", g.DisplayName);
                    }

                    w.WriteString("id", g.Id);
                    w.WriteString("type", "CanonicalUser");
                }

                w.WriteEndObject();
                w.WriteString("permission", grant.Permission.ToS3());
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("owner");
            w.WriteString("display_name", acl.Owner.DisplayName);
            w.WriteString("id", acl.Owner.Id);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Parses an ACL column; <paramref name="fallbackOwner"/> stands in when the JSON has none (imported <c>{}</c>).</summary>
    public static AccessControlList ReadAcl(string json, Owner? fallbackOwner)
    {
        if (AclCache.TryGetValue(json, out var cached) && (fallbackOwner is null || cached.Owner.Id.Length > 0))
        {
            return cached;
        }

        var acl = ParseAcl(json, fallbackOwner);
        if (AclCache.Count >= CacheLimit)
        {
            AclCache.Clear();
        }

        if (acl.Owner.Id.Length > 0 || fallbackOwner is null)
        {
            AclCache.TryAdd(json, acl);
        }

        return acl;
    }

    public static string WriteUserMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        if (metadata.Count == 0)
        {
            return "{}";
        }

        var keys = new string[metadata.Count];
        var i = 0;
        foreach (var k in metadata.Keys)
        {
            keys[i++] = k;
        }

        Array.Sort(keys, Utf8Order.Instance);
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            foreach (var k in keys)
            {
                w.WriteString(k, metadata[k]);
            }

            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyDictionary<string, string> ReadUserMetadata(string json)
    {
        if (json == "{}")
        {
            return EmptyMetadata;
        }

        using var doc = JsonDocument.Parse(json);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            result[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
        }

        return result;
    }

    public static string WriteChecksums(IReadOnlyList<ChecksumValue> checksums)
    {
        if (checksums.Count == 0)
        {
            return "[]";
        }

        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartArray();
            foreach (var c in checksums)
            {
                w.WriteStartObject();
                w.WriteString("algorithm", c.Algorithm.S3Name());
                w.WriteString("value", c.Base64);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyList<ChecksumValue> ReadChecksums(string? json)
    {
        if (json is null or "[]" or "")
        {
            return [];
        }

        using var doc = JsonDocument.Parse(json);
        var result = new List<ChecksumValue>(doc.RootElement.GetArrayLength());
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            if (ChecksumAlgorithms.TryFromS3Name(e.GetProperty("algorithm").GetString() ?? "", out var algorithm))
            {
                result.Add(new ChecksumValue(algorithm, e.GetProperty("value").GetString() ?? ""));
            }
        }

        return result;
    }

    private static AccessControlList ParseAcl(string json, Owner? fallbackOwner)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var owner = root.TryGetProperty("owner", out var o) && o.ValueKind == JsonValueKind.Object
            ? new Owner(GetString(o, "id") ?? "", GetString(o, "display_name") ?? "")
            : fallbackOwner ?? new Owner("", "");
        if (owner.Id.Length == 0 && fallbackOwner is not null)
        {
            owner = fallbackOwner;
        }

        var grants = new List<Grant>();
        if (root.TryGetProperty("grants", out var gs) && gs.ValueKind == JsonValueKind.Array)
        {
            foreach (var g in gs.EnumerateArray())
            {
                if (!g.TryGetProperty("grantee", out var ge) || !PermissionNames.TryParse(GetString(g, "permission"), out var permission))
                {
                    continue;
                }

                var grantee = GetString(ge, "type") == "Group"
                    ? Grantee.Group(GetString(ge, "uri") ?? "")
                    : new Grantee(GranteeType.CanonicalUser, GetString(ge, "id") ?? "", GetString(ge, "display_name"), null);
                grants.Add(new Grant(grantee, permission));
            }
        }

        return new AccessControlList(owner, grants);
    }

    private static string? GetString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A tag set as <c>[{"key":…,"value":…},…]</c>, in the set's (key) order.</summary>
    public static string WriteTags(IReadOnlyList<Tag> tags)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartArray();
            foreach (var tag in tags)
            {
                w.WriteStartObject();
                w.WriteString("key", tag.Key);
                w.WriteString("value", tag.Value);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>CORS rules as <c>[{"id":…,"methods":[…],"origins":[…],"headers":[…],"expose":[…],"maxAge":…},…]</c>, in order.</summary>
    public static string WriteCors(IReadOnlyList<CorsRule> rules)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartArray();
            foreach (var rule in rules)
            {
                w.WriteStartObject();
                if (rule.Id is not null)
                {
                    w.WriteString("id", rule.Id);
                }

                WriteStrings(w, "methods", rule.AllowedMethods);
                WriteStrings(w, "origins", rule.AllowedOrigins);
                WriteStrings(w, "headers", rule.AllowedHeaders);
                WriteStrings(w, "expose", rule.ExposeHeaders);
                if (rule.MaxAgeSeconds is { } maxAge)
                {
                    w.WriteNumber("maxAge", maxAge);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Parses a cors column written by <see cref="WriteCors"/>.</summary>
    public static IReadOnlyList<CorsRule> ReadCors(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var rules = new List<CorsRule>(doc.RootElement.GetArrayLength());
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            rules.Add(new CorsRule(
                e.TryGetProperty("id", out var id) ? id.GetString() : null,
                ReadStrings(e, "methods"),
                ReadStrings(e, "origins"),
                ReadStrings(e, "headers"),
                ReadStrings(e, "expose"),
                e.TryGetProperty("maxAge", out var maxAge) ? maxAge.GetInt32() : null));
        }

        return rules;
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static string[] ReadStrings(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var array))
        {
            return [];
        }

        var values = new string[array.GetArrayLength()];
        var i = 0;
        foreach (var v in array.EnumerateArray())
        {
            values[i++] = v.GetString() ?? "";
        }

        return values;
    }

    /// <summary>Parses a tags column; NULL or empty is the empty set.</summary>
    public static IReadOnlyList<Tag> ReadTags(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return TagSet.Empty;
        }

        using var doc = JsonDocument.Parse(json);
        var tags = new List<Tag>(doc.RootElement.GetArrayLength());
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            tags.Add(new Tag(e.GetProperty("key").GetString() ?? "", e.GetProperty("value").GetString() ?? ""));
        }

        return tags.Count == 0 ? TagSet.Empty : tags;
    }
}
