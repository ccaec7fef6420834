using System.Globalization;

namespace BleepStore.Application.Auth;

/// <summary>SigV4 timestamps: <c>YYYYMMDDTHHMMSSZ</c> (x-amz-date, X-Amz-Date) or an RFC 1123 <c>Date</c>.</summary>
internal static class AmzTimestamp
{
    private const string IsoBasic = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>Parses exactly 16 characters <c>YYYYMMDDTHHMMSSZ</c> by hand (every signed request pays for this).</summary>
    public static bool TryParseIso(string? value, out DateTimeOffset time)
    {
        time = default;
        if (value is not { Length: 16 } || value[8] != 'T' || value[15] != 'Z'
            || !TryDigits(value, 0, 4, out var year) || !TryDigits(value, 4, 2, out var month) || !TryDigits(value, 6, 2, out var day)
            || !TryDigits(value, 9, 2, out var hour) || !TryDigits(value, 11, 2, out var minute) || !TryDigits(value, 13, 2, out var second)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        time = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    public static bool TryParseHttpDate(string? value, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(value?.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    private static bool TryDigits(string s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = s[i] - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(IsoBasic, CultureInfo.InvariantCulture);
}
