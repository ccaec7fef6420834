using System.Globalization;
using BleepStore.Domain.Time;

namespace BleepStore.Application.Auth;

/// <summary>SigV4 timestamps: <c>YYYYMMDDTHHMMSSZ</c> (x-amz-date, X-Amz-Date) or an RFC 1123 <c>Date</c>.</summary>
internal static class AmzTimestamp
{
    private const string IsoBasic = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>Parses exactly 16 characters <c>YYYYMMDDTHHMMSSZ</c> by hand (every signed request pays for this).</summary>
    public static bool TryParseIso(string? value, out DateTimeOffset time)
    {
        time = default;
        return value is { Length: 16 } && value[8] == 'T' && value[15] == 'Z'
            && FixedDigits.TryRead(value, 0, 4, out var year) && FixedDigits.TryRead(value, 4, 2, out var month) && FixedDigits.TryRead(value, 6, 2, out var day)
            && FixedDigits.TryRead(value, 9, 2, out var hour) && FixedDigits.TryRead(value, 11, 2, out var minute) && FixedDigits.TryRead(value, 13, 2, out var second)
            && FixedDigits.TryCreateUtc(year, month, day, hour, minute, second, 0, out time);
    }

    /// <summary>
    /// RFC 1123 with <c>GMT</c>, or with a numeric zone (<c>-0000</c>, <c>+0100</c>: RFC 2822, what botocore's
    /// <c>formatdate</c> writes when a request carries Date instead of x-amz-date).
    /// </summary>
    public static bool TryParseHttpDate(string? value, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(value?.Trim(), HttpDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    private static readonly string[] HttpDateFormats = ["r", "ddd, dd MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm:ss zzz"];

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(IsoBasic, CultureInfo.InvariantCulture);
}
