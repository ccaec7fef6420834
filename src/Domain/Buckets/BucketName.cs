namespace BleepStore.Domain.Buckets;

/// <summary>S3 bucket naming rules (spec 10), applied at CreateBucket only.</summary>
public static class BucketName
{
    // Infra paths would shadow these buckets on GET (spec 95 #37).
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "health", "healthz", "readyz", "metrics", "docs", "openapi.json",
    };

    public static bool IsValid(string name)
    {
        if (name.Length is < 3 or > 63 || Reserved.Contains(name))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.'))
            {
                return false;
            }
        }

        return IsAlnum(name[0]) && IsAlnum(name[^1])
            && !name.Contains("..", StringComparison.Ordinal)
            && !name.StartsWith("xn--", StringComparison.Ordinal)
            && !name.EndsWith("-s3alias", StringComparison.Ordinal)
            && !name.EndsWith("--ol-s3", StringComparison.Ordinal)
            && !LooksLikeIpv4(name);
    }

    /// <summary>Whether a name could ever be a bucket; a cheap check for routing, not the naming rules.</summary>
    public static bool IsPlausible(string name) => name.Length is >= 1 and <= 255 && !name.Contains('/');

    private static bool IsAlnum(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    private static bool LooksLikeIpv4(string name)
    {
        var parts = name.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is >= 1 and <= 3 && p.All(char.IsAsciiDigit));
    }
}
