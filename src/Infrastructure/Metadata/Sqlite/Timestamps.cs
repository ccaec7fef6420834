using System.Globalization;

namespace BleepStore.Infrastructure.Metadata.Sqlite;

/// <summary>Timestamps are TEXT <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> (spec 60): fixed width, so text order is time order.</summary>
internal static class Timestamps
{
    private const string Format = "yyyy-MM-ddTHH:mm:ss.fffZ";

    public static string ToText(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Parses our own format on the fast path; anything else ISO-8601 (imported rows) on the slow one.</summary>
    public static DateTimeOffset FromText(string text) =>
        DateTimeOffset.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
