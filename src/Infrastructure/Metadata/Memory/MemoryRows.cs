using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Cors;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Tagging;
using BleepStore.Domain.Uploads;

namespace BleepStore.Infrastructure.Metadata.Memory;

/// <summary>
/// What <see cref="MemoryMetadataStore"/> keeps and hands out: copies of the caller's collections, so a
/// stored row cannot change behind the store's back, and the shapes the SQLite store returns.
/// </summary>
internal static class MemoryRows
{
    private static readonly IReadOnlyDictionary<string, string> EmptyMetadata = new Dictionary<string, string>();

    /// <summary>Stored timestamps have the SQLite store's precision (spec 60): UTC, whole milliseconds.</summary>
    public static DateTimeOffset Millis(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    public static AccessControlList Stored(AccessControlList acl) => acl with { Grants = [.. acl.Grants] };

    public static Bucket Stored(Bucket bucket) => bucket with
    {
        Acl = Stored(bucket.Acl),
        CreatedAt = Millis(bucket.CreatedAt),
        Tags = bucket.Tags is null ? null : Stored(bucket.Tags),
        Cors = bucket.Cors is null ? null : Stored(bucket.Cors),
    };

    /// <summary>CORS rules as the SQLite store reads them back: copies of every list.</summary>
    public static IReadOnlyList<CorsRule> Stored(IReadOnlyList<CorsRule> rules) =>
        [.. rules.Select(r => r with { AllowedMethods = [.. r.AllowedMethods], AllowedOrigins = [.. r.AllowedOrigins], AllowedHeaders = [.. r.AllowedHeaders], ExposeHeaders = [.. r.ExposeHeaders] })];

    /// <summary>A tag set as the SQLite store reads it back: a copy, empty as the shared empty set.</summary>
    public static IReadOnlyList<Tag> Stored(IReadOnlyList<Tag> tags) => tags.Count == 0 ? TagSet.Empty : [.. tags];

    public static ObjectRecord Stored(ObjectRecord record) => record with
    {
        Acl = Stored(record.Acl),
        UserMetadata = Copy(record.UserMetadata),
        LastModified = Millis(record.LastModified),
        InlineData = record.InlineData?.ToArray(),
        Checksums = [.. record.Checksums],
        PartSizes = [.. record.PartSizes],
        PartChecksums = [.. record.PartChecksums],
        Tags = Stored(record.Tags),
        Retention = Stored(record.Retention),
    };

    public static MultipartUpload Stored(MultipartUpload upload) => upload with
    {
        Acl = Stored(upload.Acl),
        UserMetadata = Copy(upload.UserMetadata),
        Initiated = Millis(upload.Initiated),
        Tags = Stored(upload.Tags),
        Retention = Stored(upload.Retention),
    };

    /// <summary>A retention as the SQLite store reads it back: its date to the millisecond.</summary>
    public static ObjectRetention? Stored(ObjectRetention? retention) => retention is null ? null : retention with { RetainUntil = Millis(retention.RetainUntil) };

    public static PartRecord Stored(PartRecord part) => part with { LastModified = Millis(part.LastModified), Checksums = [.. part.Checksums] };

    /// <summary>A replaced or deleted row as the caller gets it back: for its blob, without the inline bytes.</summary>
    public static ObjectRecord Removed(ObjectRecord row) => row.InlineData is null ? row : row with { InlineData = null };

    /// <summary>A listing entry: what a listing shows, the rest at its defaults (as the SQLite store reads it).</summary>
    public static ObjectRecord ListingEntry(ObjectRecord row) => new()
    {
        Bucket = row.Bucket,
        Key = row.Key,
        Size = row.Size,
        ETag = row.ETag,
        Content = ContentHeaders.Default,
        StorageClass = row.StorageClass,
        Acl = row.Acl,
        LastModified = row.LastModified,
        BlobId = "",
    };

    private static IReadOnlyDictionary<string, string> Copy(IReadOnlyDictionary<string, string> metadata) =>
        metadata.Count == 0 ? EmptyMetadata : new Dictionary<string, string>(metadata, StringComparer.Ordinal);
}
