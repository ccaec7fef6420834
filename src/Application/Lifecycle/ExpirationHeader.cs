using System.Globalization;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Lifecycle;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Lifecycle;

/// <summary>
/// S3's <c>x-amz-expiration</c> on PUT, GET and HEAD of a current object an Expiration rule (Days or Date) applies to:
/// <c>expiry-date="Fri, 23 Dec 2012 00:00:00 GMT", rule-id="the rule"</c> (the rule id URL-encoded, as S3 sends it).
/// A bucket without lifecycle rules pays nothing: PUT, GET and HEAD already hold the bucket.
/// </summary>
public static class ExpirationHeader
{
    public static string? For(Bucket bucket, ObjectRecord current, TimeSpan day)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentNullException.ThrowIfNull(current);
        if (bucket.Lifecycle is not { } rules || current.IsDeleteMarker
            || LifecycleConfiguration.ExpiryOf(rules, current.Key, current.Size, current.Tags, current.LastModified, day) is not { } found)
        {
            return null;
        }

        return "expiry-date=\"" + found.Expiry.UtcDateTime.ToString("r", CultureInfo.InvariantCulture) + "\", rule-id=\"" + Uri.EscapeDataString(found.Rule.Id ?? "") + "\"";
    }

    /// <summary>For a read: only of the current version (a read by version id answers none here).</summary>
    internal static string? ForRead(Bucket bucket, ObjectRecord obj, string? versionId, LifecycleOptions? options) =>
        versionId is null && bucket.Lifecycle is not null ? For(bucket, obj, options?.DayLength ?? LifecycleConfiguration.StandardDay) : null;
}
