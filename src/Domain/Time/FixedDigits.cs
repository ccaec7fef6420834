namespace BleepStore.Domain.Time;

/// <summary>
/// Pieces for parsing fixed-layout UTC timestamps by hand (SigV4's <c>x-amz-date</c>, the metadata
/// store's own text): both run on hot paths where <c>TryParseExact</c>'s culture machinery showed up.
/// </summary>
public static class FixedDigits
{
    /// <summary>Reads exactly <paramref name="count"/> ASCII digits of <paramref name="s"/> from <paramref name="start"/>.</summary>
    public static bool TryRead(string s, int start, int count, out int value)
    {
        ArgumentNullException.ThrowIfNull(s);
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

    /// <summary>A UTC instant from its fields, false when they name no real date and time.</summary>
    public static bool TryCreateUtc(int year, int month, int day, int hour, int minute, int second, int millisecond, out DateTimeOffset value)
    {
        value = default;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59 || millisecond > 999)
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, millisecond, TimeSpan.Zero);
        return true;
    }
}
