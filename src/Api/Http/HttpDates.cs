using System.Globalization;

namespace BleepStore.Api.Http;

/// <summary>RFC 1123 dates for headers (spec 50), with the current second's <c>Date</c> value cached.</summary>
internal static class HttpDates
{
    private static DateCache _cache = new(0, "");

    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

    /// <summary>The Date header for now; formatted at most once a second.</summary>
    public static string Now()
    {
        var now = DateTimeOffset.UtcNow;
        var second = now.ToUnixTimeSeconds();
        var cache = _cache;
        if (cache.Second == second)
        {
            return cache.Value;
        }

        var value = Format(now);
        _cache = new DateCache(second, value);
        return value;
    }

    private sealed record DateCache(long Second, string Value);
}
