using System.Globalization;
using System.Text;
using System.Text.Json;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Objects.PostObject;

/// <summary>
/// A POST Object policy document (AWS "Creating a POST policy"): Base64 JSON with <c>expiration</c> and
/// <c>conditions</c> (those two names are case-sensitive; field names and operators are not). Conditions are
/// <c>{"field": "value"}</c> (exact match), <c>["eq", "$field", "value"]</c>, <c>["starts-with", "$field", "prefix"]</c>
/// (an empty prefix allows anything) and <c>["content-length-range", min, max]</c>. A document that does not
/// parse is InvalidPolicyDocument; a form it does not allow is AccessDenied "Invalid according to Policy: …".
/// Pure logic: the caller gives the time.
/// </summary>
internal sealed class PostPolicy
{
    private const string Invalid = "Invalid Policy: ";
    private const string Denied = "Invalid according to Policy: ";

    /// <summary>Fields no condition has to name: the signature and policy themselves, the file, and <c>x-ignore-*</c>.</summary>
    private static readonly HashSet<string> Exempt = new(StringComparer.OrdinalIgnoreCase)
    {
        "policy", "x-amz-signature", "signature", "AWSAccessKeyId", "file",
    };

    private PostPolicy(DateTimeOffset expiration, IReadOnlyList<PostCondition> conditions, long? minLength, long? maxLength)
    {
        Expiration = expiration;
        Conditions = conditions;
        MinLength = minLength;
        MaxLength = maxLength;
    }

    public DateTimeOffset Expiration { get; }

    public IReadOnlyList<PostCondition> Conditions { get; }

    /// <summary>The <c>content-length-range</c> bounds on the file, when the policy sets them.</summary>
    public long? MinLength { get; }

    public long? MaxLength { get; }

    /// <summary>Decodes and parses the <c>policy</c> field; throws InvalidPolicyDocument with S3's reason.</summary>
    public static PostPolicy Parse(string base64)
    {
        byte[] json;
        try
        {
            json = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw Bad("Invalid Base64 Encoding.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, MaxDepth = 8 });
        }
        catch (JsonException)
        {
            throw Bad("Invalid JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad("Invalid JSON.");
            }

            if (!root.TryGetProperty("expiration", out var expiration))
            {
                throw Bad("Policy missing expiration.");
            }

            if (expiration.ValueKind != JsonValueKind.String || !TryParseExpiration(expiration.GetString()!, out var expires))
            {
                throw Bad($"Invalid 'expiration' value: '{expiration.GetRawText().Trim('"')}'");
            }

            if (!root.TryGetProperty("conditions", out var conditions))
            {
                throw Bad("Policy missing conditions.");
            }

            if (conditions.ValueKind != JsonValueKind.Array)
            {
                throw Bad("Invalid 'conditions' value: must be a List.");
            }

            var list = new List<PostCondition>();
            long? min = null, max = null;
            foreach (var c in conditions.EnumerateArray())
            {
                if (c.ValueKind == JsonValueKind.Object)
                {
                    list.Add(Simple(c));
                }
                else if (c.ValueKind == JsonValueKind.Array)
                {
                    if (TryLengthRange(c, out var lo, out var hi))
                    {
                        (min, max) = (lo, hi);
                    }
                    else
                    {
                        list.Add(Operation(c));
                    }
                }
                else
                {
                    throw Bad($"Invalid 'conditions' value: {c.GetRawText()}");
                }
            }

            return new PostPolicy(expires, list, min, max);
        }
    }

    /// <summary>
    /// Judges the form at <paramref name="now"/>: not expired, every condition met (the bucket is the field
    /// <c>bucket</c>; a field the form lacks counts as empty), and every field but the exempt ones named by a condition.
    /// </summary>
    public void Evaluate(string bucket, PostForm form, DateTimeOffset now)
    {
        if (now > Expiration)
        {
            throw new S3Exception(S3Errors.AccessDenied, Denied + "Policy expired.");
        }

        foreach (var condition in Conditions)
        {
            var value = condition.Field.Equals("bucket", StringComparison.OrdinalIgnoreCase) ? bucket : form.Get(condition.Field) ?? "";
            if (!condition.IsMetBy(value))
            {
                throw new S3Exception(S3Errors.AccessDenied, Denied + "Policy Condition failed: " + condition);
            }
        }

        var named = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var condition in Conditions)
        {
            named.Add(condition.Field);
        }

        if (!named.Contains("bucket"))
        {
            throw new S3Exception(S3Errors.AccessDenied, Denied + "Policy Condition failed: [\"eq\", \"$bucket\", \"" + bucket + "\"]");
        }

        List<string>? extra = null;
        foreach (var (name, _) in form.Fields)
        {
            if (!Exempt.Contains(name) && !name.StartsWith("x-ignore-", StringComparison.OrdinalIgnoreCase) && !named.Contains(name))
            {
                (extra ??= []).Add(name.ToLowerInvariant());
            }
        }

        if (extra is not null)
        {
            throw new S3Exception(S3Errors.AccessDenied, Denied + "Extra input fields: " + string.Join(", ", extra.Distinct()));
        }
    }

    /// <summary>ISO 8601 in UTC as AWS writes it: <c>2026-12-31T12:00:00.000Z</c>, fraction optional.</summary>
    internal static bool TryParseExpiration(string text, out DateTimeOffset expiration) =>
        DateTimeOffset.TryParseExact(
            text,
            ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"],
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out expiration);

    private static PostCondition Simple(JsonElement c)
    {
        PostCondition? condition = null;
        foreach (var property in c.EnumerateObject())
        {
            if (condition is not null || property.Value.ValueKind != JsonValueKind.String)
            {
                throw Bad("Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.");
            }

            condition = new PostCondition("eq", property.Name, property.Value.GetString()!);
        }

        return condition ?? throw Bad("Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.");
    }

    private static PostCondition Operation(JsonElement c)
    {
        if (c.GetArrayLength() != 3 || c[0].ValueKind != JsonValueKind.String)
        {
            throw Bad($"Invalid Condition: {Compact(c)}");
        }

        var op = c[0].GetString()!.ToLowerInvariant();
        if (op is not ("eq" or "starts-with"))
        {
            throw Bad($"Invalid Condition: unknown operation '{c[0].GetString()}'");
        }

        if (c[1].ValueKind != JsonValueKind.String || c[1].GetString() is not { Length: > 1 } field || field[0] != '$')
        {
            throw Bad($"Invalid Condition: field name must start with '$': {Compact(c)}");
        }

        if (c[2].ValueKind != JsonValueKind.String)
        {
            throw Bad($"Invalid Condition: value must be a string: {Compact(c)}");
        }

        return new PostCondition(op, field[1..], c[2].GetString()!);
    }

    private static bool TryLengthRange(JsonElement c, out long min, out long max)
    {
        min = max = 0;
        if (c.GetArrayLength() == 0 || c[0].ValueKind != JsonValueKind.String
            || !c[0].GetString()!.Equals("content-length-range", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (c.GetArrayLength() != 3 || !TryLength(c[1], out min) || !TryLength(c[2], out max) || min > max)
        {
            throw Bad($"Invalid content-length-range: {Compact(c)}");
        }

        return true;
    }

    /// <summary>A non-negative integer, as a number or a string of digits.</summary>
    private static bool TryLength(JsonElement e, out long value)
    {
        value = 0;
        return e.ValueKind switch
        {
            JsonValueKind.Number => e.TryGetInt64(out value) && value >= 0,
            JsonValueKind.String => long.TryParse(e.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    private static string Compact(JsonElement e)
    {
        var text = new StringBuilder();
        text.Append('[');
        var first = true;
        foreach (var item in e.EnumerateArray())
        {
            text.Append(first ? "" : ", ").Append(item.GetRawText());
            first = false;
        }

        return text.Append(']').ToString();
    }

    private static S3Exception Bad(string reason) => new(S3Errors.InvalidPolicyDocument, Invalid + reason);
}
