using System.Globalization;
using BleepStore.Application.Abstractions;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Lifecycle;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Lifecycle;

/// <summary>
/// S3's <c>x-amz-expiration</c> on PUT, GET and HEAD of a current object an Expiration rule (Days or Date) applies to:
/// <c>expiry-date="Fri, 23 Dec 2012 00:00:00 GMT", rule-id="the rule"</c> (the rule id URL-encoded, as S3 sends it).
/// A bucket without lifecycle rules pays one cached bucket lookup on GET/HEAD and nothing on PUT.
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
    internal static async ValueTask<string?> ForReadAsync(IMetadataStore store, ObjectRecord obj, string? versionId, LifecycleOptions? options, CancellationToken ct)
    {
        if (versionId is not null || obj.IsDeleteMarker || await store.GetBucketAsync(obj.Bucket, ct).ConfigureAwait(false) is not { Lifecycle: not null } bucket)
        {
            return null;
        }

        return For(bucket, obj, options?.DayLength ?? LifecycleConfiguration.StandardDay);
    }
}
