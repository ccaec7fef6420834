using BleepStore.Domain.Errors;

namespace BleepStore.Domain.Cors;

/// <summary>
/// S3's rules for a bucket's CORS configuration (PutBucketCors) and how a request is matched against it:
/// the first rule whose AllowedOrigin matches the Origin (case-sensitive, one <c>*</c> wildcard), whose
/// AllowedMethod lists the method, and — on a preflight — whose AllowedHeader patterns match every
/// requested header (case-insensitive, one <c>*</c> wildcard) wins.
/// </summary>
public static class CorsConfiguration
{
    public const int MaxRules = 100;

    private static readonly string[] Methods = ["GET", "PUT", "HEAD", "POST", "DELETE"];

    /// <summary>
    /// Throws S3's error for the first thing S3 refuses: no rule or more than 100 (MalformedXML), a rule
    /// without AllowedMethod or AllowedOrigin (MalformedXML), a method S3 does not know, an origin or
    /// allowed header with more than one wildcard, or a wildcard in an ExposeHeader (InvalidRequest).
    /// </summary>
    public static void Validate(IReadOnlyList<CorsRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Count is 0 or > MaxRules)
        {
            throw new S3Exception(S3Errors.MalformedXML);
        }

        foreach (var rule in rules)
        {
            if (rule.AllowedMethods.Count == 0 || rule.AllowedOrigins.Count == 0)
            {
                throw new S3Exception(S3Errors.MalformedXML);
            }

            foreach (var method in rule.AllowedMethods)
            {
                if (Array.IndexOf(Methods, method) < 0)
                {
                    throw new S3Exception(S3Errors.InvalidRequest, $"Found unsupported HTTP method in CORS config. Unsupported method is {method}");
                }
            }

            foreach (var origin in rule.AllowedOrigins)
            {
                if (Wildcards(origin) > 1)
                {
                    throw new S3Exception(S3Errors.InvalidRequest, $"AllowedOrigin \"{origin}\" can not have more than one wildcard.");
                }
            }

            foreach (var header in rule.AllowedHeaders)
            {
                if (Wildcards(header) > 1)
                {
                    throw new S3Exception(S3Errors.InvalidRequest, $"AllowedHeader \"{header}\" can not have more than one wildcard.");
                }
            }

            foreach (var header in rule.ExposeHeaders)
            {
                if (header.Contains('*', StringComparison.Ordinal))
                {
                    throw new S3Exception(S3Errors.InvalidRequest, $"ExposeHeader \"{header}\" contains wildcard. We currently do not support wildcard for ExposeHeader.");
                }
            }
        }
    }

    /// <summary>
    /// The first rule that allows <paramref name="origin"/> with <paramref name="method"/> and, when given,
    /// every header of <paramref name="requestHeaders"/> (a preflight's Access-Control-Request-Headers);
    /// null when none does.
    /// </summary>
    public static CorsRule? Match(IReadOnlyList<CorsRule> rules, string origin, string method, IReadOnlyList<string>? requestHeaders = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        foreach (var rule in rules)
        {
            if (!Contains(rule.AllowedMethods, method) || MatchingOrigin(rule, origin) is null)
            {
                continue;
            }

            if (requestHeaders is null || AllowsHeaders(rule, requestHeaders))
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>The AllowedOrigin of <paramref name="rule"/> that matched (so the caller can tell a bare <c>*</c>), or null.</summary>
    public static string? MatchingOrigin(CorsRule rule, string origin)
    {
        ArgumentNullException.ThrowIfNull(rule);
        foreach (var pattern in rule.AllowedOrigins)
        {
            if (WildcardMatch(pattern, origin, StringComparison.Ordinal))
            {
                return pattern;
            }
        }

        return null;
    }

    /// <summary>
    /// Access-Control-Request-Headers split at commas, trimmed, empty entries dropped (browsers send
    /// lower-case names, others may not: matching ignores case).
    /// </summary>
    public static IReadOnlyList<string> SplitHeaderList(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        return value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary><paramref name="pattern"/> with at most one <c>*</c> standing for any run of characters (empty included).</summary>
    public static bool WildcardMatch(string pattern, string value, StringComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(value);
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return string.Equals(pattern, value, comparison);
        }

        var head = pattern.AsSpan(0, star);
        var tail = pattern.AsSpan(star + 1);
        return value.Length >= head.Length + tail.Length
            && value.AsSpan().StartsWith(head, comparison)
            && value.AsSpan().EndsWith(tail, comparison);
    }

    private static bool AllowsHeaders(CorsRule rule, IReadOnlyList<string> requested)
    {
        foreach (var header in requested)
        {
            var allowed = false;
            foreach (var pattern in rule.AllowedHeaders)
            {
                if (WildcardMatch(pattern, header, StringComparison.OrdinalIgnoreCase))
                {
                    allowed = true;
                    break;
                }
            }

            if (!allowed)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        foreach (var v in values)
        {
            if (string.Equals(v, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static int Wildcards(string value) => value.AsSpan().Count('*');
}
