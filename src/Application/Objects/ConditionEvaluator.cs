using System.Globalization;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Objects;

/// <summary>
/// S3's precedence for conditional reads (spec 20): If-Match beats If-Unmodified-Since,
/// If-None-Match beats If-Modified-Since; dates compare in whole seconds; bad dates are ignored.
/// </summary>
internal static class ConditionEvaluator
{
    public static ConditionOutcome Evaluate(ObjectConditions c, string etag, DateTimeOffset lastModified)
    {
        var modified = TruncateToSeconds(lastModified);
        if (c.IfMatch is not null)
        {
            if (!ETag.ListMatches(c.IfMatch, etag))
            {
                return ConditionOutcome.PreconditionFailed;
            }
        }
        else if (TryParseHttpDate(c.IfUnmodifiedSince, out var unmodifiedSince) && modified > unmodifiedSince)
        {
            return ConditionOutcome.PreconditionFailed;
        }

        if (c.IfNoneMatch is not null)
        {
            if (ETag.ListMatches(c.IfNoneMatch, etag))
            {
                return ConditionOutcome.NotModified;
            }
        }
        else if (TryParseHttpDate(c.IfModifiedSince, out var modifiedSince) && modified <= modifiedSince)
        {
            return ConditionOutcome.NotModified;
        }

        return ConditionOutcome.Proceed;
    }

    public static bool TryParseHttpDate(string? value, out DateTimeOffset date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        if (DateTimeOffset.TryParseExact(value.Trim(), ["r", "ddd, d MMM yyyy HH:mm:ss 'GMT'", "dddd, dd-MMM-yy HH:mm:ss 'GMT'", "ddd MMM d HH:mm:ss yyyy", "yyyy-MM-dd'T'HH:mm:ss.FFFK", "yyyy-MM-dd'T'HH:mm:ssK"],
                CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            date = TruncateToSeconds(parsed);
            return true;
        }

        return false;
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset t) =>
        new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
