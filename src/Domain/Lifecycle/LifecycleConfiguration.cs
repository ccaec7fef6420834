using BleepStore.Domain.Errors;

namespace BleepStore.Domain.Lifecycle;

/// <summary>
/// S3's rules for a bucket lifecycle configuration (PutBucketLifecycleConfiguration) and when each action falls due.
/// A "day" is a length the host chooses (<c>lifecycle.day_seconds</c>, 86400 by default); due times round up to the
/// next whole day since the Unix epoch, which for 86400 s is S3's "next midnight UTC".
/// </summary>
public static class LifecycleConfiguration
{
    public const int MaxRules = 1000;
    public const int MaxIdLength = 255;
    public const int MaxNewerNoncurrentVersions = 100;

    public static readonly TimeSpan StandardDay = TimeSpan.FromDays(1);

    /// <summary>Throws S3's error for the first thing S3 refuses in a parsed configuration.</summary>
    public static void Validate(IReadOnlyList<LifecycleRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Count is 0 or > MaxRules)
        {
            throw new S3Exception(S3Errors.MalformedXML);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (rule.Id is { } id)
            {
                if (id.Length > MaxIdLength)
                {
                    throw new S3Exception(S3Errors.InvalidArgument, "ID length should not exceed allowed limit of 255");
                }

                if (!ids.Add(id))
                {
                    throw new S3Exception(S3Errors.InvalidArgument, "Rule ID must be unique. Found same ID for more than one rule");
                }
            }

            ValidateRule(rule);
        }
    }

    private static void ValidateRule(LifecycleRule rule)
    {
        if (rule.Expiration is null && rule.NoncurrentExpiration is null && rule.AbortIncompleteUploadDays is null)
        {
            throw new S3Exception(S3Errors.InvalidRequest, "At least one action needs to be specified in a rule");
        }

        var filter = rule.Filter;
        if (filter.ObjectSizeGreaterThan is < 0 || filter.ObjectSizeLessThan is <= 0)
        {
            throw new S3Exception(S3Errors.InvalidRequest, filter.ObjectSizeLessThan is <= 0
                ? "'ObjectSizeLessThan' should be positive integer"
                : "'ObjectSizeGreaterThan' should be non-negative integer");
        }

        if (filter is { ObjectSizeGreaterThan: { } above, ObjectSizeLessThan: { } below } && above >= below)
        {
            throw new S3Exception(S3Errors.InvalidRequest, "ObjectSizeGreaterThan must be less than ObjectSizeLessThan in a Lifecycle Rule Filter");
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tag in filter.Tags)
        {
            if (!keys.Add(tag.Key))
            {
                throw new S3Exception(S3Errors.InvalidRequest, "Duplicate Tag Keys are not allowed.");
            }
        }

        if (rule.Expiration is { } expiration)
        {
            var given = (expiration.Days is null ? 0 : 1) + (expiration.Date is null ? 0 : 1) + (expiration.ExpiredObjectDeleteMarker is null ? 0 : 1);
            if (given != 1)
            {
                throw new S3Exception(S3Errors.MalformedXML);
            }

            if (expiration.Days is <= 0)
            {
                throw new S3Exception(S3Errors.InvalidArgument, "'Days' for Expiration action must be a positive integer");
            }

            if (expiration.Date is { } date && date.UtcTicks % TimeSpan.TicksPerDay != 0)
            {
                throw new S3Exception(S3Errors.InvalidArgument, "'Date' must be at midnight GMT");
            }

            if (expiration.ExpiredObjectDeleteMarker is not null && filter.HasTags)
            {
                throw new S3Exception(S3Errors.InvalidRequest, "ExpiredObjectDeleteMarker cannot be specified with tags.");
            }
        }

        if (rule.NoncurrentExpiration is { } noncurrent)
        {
            if (noncurrent.NoncurrentDays <= 0)
            {
                throw new S3Exception(S3Errors.InvalidArgument, "'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer");
            }

            if (noncurrent.NewerNoncurrentVersions is < 1 or > MaxNewerNoncurrentVersions)
            {
                throw new S3Exception(S3Errors.InvalidArgument, "'NewerNoncurrentVersions' for NoncurrentVersionExpiration action must be a positive integer up to 100");
            }
        }

        if (rule.AbortIncompleteUploadDays is { } abortDays)
        {
            if (abortDays <= 0)
            {
                throw new S3Exception(S3Errors.InvalidArgument, "'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer");
            }

            if (filter.HasTags || filter.HasSize)
            {
                throw new S3Exception(S3Errors.InvalidRequest, filter.HasTags
                    ? "AbortIncompleteMultipartUpload cannot be specified with Tags."
                    : "AbortIncompleteMultipartUpload cannot be specified with an object size filter.");
            }
        }
    }

    /// <summary><paramref name="from"/> plus <paramref name="days"/> days, rounded up to the next whole day (S3: the next midnight UTC).</summary>
    public static DateTimeOffset AfterDays(DateTimeOffset from, int days, TimeSpan day)
    {
        if (day <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(day));
        }

        var ticks = from.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks + (days * day.Ticks);
        var rounded = ((ticks + day.Ticks - 1) / day.Ticks) * day.Ticks;
        return new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + rounded, TimeSpan.Zero);
    }

    /// <summary>When a current version written at <paramref name="lastModified"/> expires under <paramref name="expiration"/>; null = never.</summary>
    public static DateTimeOffset? CurrentExpiry(LifecycleExpiration expiration, DateTimeOffset lastModified, TimeSpan day)
    {
        ArgumentNullException.ThrowIfNull(expiration);
        return expiration.Days is { } days ? AfterDays(lastModified, days, day) : expiration.Date;
    }

    /// <summary>
    /// When a delete marker with nothing behind it goes: at once with ExpiredObjectDeleteMarker, else once it is as old
    /// as Days (or Date has passed): S3 cleans expired markers up with a Days rule too; null = never.
    /// </summary>
    public static DateTimeOffset? MarkerExpiry(LifecycleExpiration expiration, DateTimeOffset markerWritten, TimeSpan day)
    {
        ArgumentNullException.ThrowIfNull(expiration);
        if (expiration.ExpiredObjectDeleteMarker == true)
        {
            return markerWritten;
        }

        return expiration.ExpiredObjectDeleteMarker is null ? CurrentExpiry(expiration, markerWritten, day) : null;
    }

    /// <summary>When a version that became noncurrent at <paramref name="noncurrentSince"/> (its successor's write) is removed.</summary>
    public static DateTimeOffset NoncurrentExpiry(NoncurrentVersionExpiration noncurrent, DateTimeOffset noncurrentSince, TimeSpan day)
    {
        ArgumentNullException.ThrowIfNull(noncurrent);
        return AfterDays(noncurrentSince, noncurrent.NoncurrentDays, day);
    }

    /// <summary>The first enabled rule with an Expiration by Days or Date whose filter passes the object: S3's <c>x-amz-expiration</c>.</summary>
    public static (LifecycleRule Rule, DateTimeOffset Expiry)? ExpiryOf(IReadOnlyList<LifecycleRule> rules, string key, long size, IReadOnlyList<Tagging.Tag> tags, DateTimeOffset lastModified, TimeSpan day)
    {
        ArgumentNullException.ThrowIfNull(rules);
        (LifecycleRule Rule, DateTimeOffset Expiry)? best = null;
        foreach (var rule in rules)
        {
            if (!rule.Enabled || rule.Expiration is null || !rule.Filter.MatchesKeyAndSize(key, size) || !rule.Filter.MatchesTags(tags))
            {
                continue;
            }

            if (CurrentExpiry(rule.Expiration, lastModified, day) is { } at && (best is null || at < best.Value.Expiry))
            {
                best = (rule, at);
            }
        }

        return best;
    }
}
