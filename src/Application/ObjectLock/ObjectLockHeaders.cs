using System.Globalization;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.ObjectLock;

/// <summary>
/// <c>x-amz-object-lock-mode</c>, <c>x-amz-object-lock-retain-until-date</c> and <c>x-amz-object-lock-legal-hold</c>
/// of PutObject, CopyObject and CreateMultipartUpload, as sent. <see cref="Validate"/> is the stateless part (the
/// validators); <see cref="Resolve"/> the part that needs the bucket and the clock (the handlers).
/// </summary>
public sealed record ObjectLockHeaders(string? Mode, string? RetainUntilDate, string? LegalHold)
{
    public static readonly ObjectLockHeaders None = new(null, null, null);

    public bool Any => Mode is not null || RetainUntilDate is not null || LegalHold is not null;

    /// <summary>S3's InvalidArgument answers for malformed lock headers.</summary>
    public void Validate()
    {
        if ((Mode is null) != (RetainUntilDate is null))
        {
            throw new S3Exception(S3Errors.InvalidArgument, "x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied");
        }

        if (Mode is not null && ObjectLockMode.Parse(Mode) is null)
        {
            throw S3Exception.InvalidArgument("Unknown wormMode directive.", "x-amz-object-lock-mode", Mode);
        }

        if (RetainUntilDate is not null && !TryParseDate(RetainUntilDate, out _))
        {
            throw S3Exception.InvalidArgument("The retain until date must be provided in ISO 8601 format", "x-amz-object-lock-retain-until-date", RetainUntilDate);
        }

        if (LegalHold is not null && LegalHold is not ("ON" or "OFF"))
        {
            throw S3Exception.InvalidArgument("Legal Hold must be either of 'ON' or 'OFF'", "x-amz-object-lock-legal-hold", LegalHold);
        }
    }

    /// <summary>
    /// The lock a new version gets: the headers (on a bucket without object lock: InvalidRequest; a date not in the
    /// future: InvalidArgument), else the bucket's default retention from <paramref name="now"/>.
    /// </summary>
    public (ObjectRetention? Retention, bool? LegalHold) Resolve(Bucket bucket, DateTimeOffset now)
    {
        Validate();
        if (Any && bucket.ObjectLock is null)
        {
            throw new S3Exception(S3Errors.InvalidRequest, "Bucket is missing Object Lock Configuration");
        }

        ObjectRetention? retention = null;
        if (Mode is not null && TryParseDate(RetainUntilDate!, out var until))
        {
            if (until <= now)
            {
                throw S3Exception.InvalidArgument("The retain until date must be in the future!", "x-amz-object-lock-retain-until-date", RetainUntilDate);
            }

            retention = new ObjectRetention(ObjectLockMode.Parse(Mode)!, until);
        }

        retention ??= bucket.ObjectLock?.DefaultRetention?.For(now);
        bool? hold = LegalHold is null ? null : LegalHold == "ON";
        return (retention, hold);
    }

    /// <summary>
    /// Whether S3 would demand a body checksum: lock headers sent, or a bucket default retention to apply (S3:
    /// "Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters").
    /// </summary>
    public bool NeedsChecksum(Bucket bucket) => bucket.ObjectLock is not null && (Any || bucket.ObjectLock.DefaultRetention is not null);

    /// <summary>ISO 8601 with a time zone (S3 sends and accepts <c>2030-01-01T00:00:00.000Z</c>); kept to the millisecond.</summary>
    public static bool TryParseDate(string text, out DateTimeOffset value)
    {
        var ok = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out value)
            && text.Contains('T', StringComparison.Ordinal)
            && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T', StringComparison.Ordinal));
        if (ok)
        {
            value = new DateTimeOffset(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        }

        return ok;
    }

    /// <summary>The wire form of a retain-until date: <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.</summary>
    public static string FormatDate(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
