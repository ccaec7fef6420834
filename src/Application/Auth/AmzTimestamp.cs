using System.Globalization;

namespace BleepStore.Application.Auth;

/// <summary>SigV4 timestamps: <c>YYYYMMDDTHHMMSSZ</c> (x-amz-date, X-Amz-Date) or an RFC 1123 <c>Date</c>.</summary>
internal static class AmzTimestamp
{
    private const string IsoBasic = "yyyyMMdd'T'HHmmss'Z'";

    public static bool TryParseIso(string? value, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(value, IsoBasic, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    public static bool TryParseHttpDate(string? value, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(value?.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(IsoBasic, CultureInfo.InvariantCulture);
}
