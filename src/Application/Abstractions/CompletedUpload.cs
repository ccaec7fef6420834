namespace BleepStore.Application.Abstractions;

/// <summary>
/// A finished multipart upload, kept for a while so that a CompleteMultipartUpload retried after it succeeded (an SDK
/// that timed out) gets the same answer instead of NoSuchUpload, as S3 gives it. Written in the transaction that
/// completes the upload; the store drops records older than <see cref="Lifetime"/> and beyond the newest
/// <see cref="MaxKept"/> in that same transaction, so the table stays bounded with no reaper.
/// </summary>
/// <param name="Parts">A digest of the parts list the client sent (part numbers and ETags): a retry must send the same list.</param>
/// <param name="VersionId">The version the upload made, when the bucket has ever had versioning.</param>
public sealed record CompletedUpload(string UploadId, string Bucket, string Key, string Parts, string ETag, string? VersionId, DateTimeOffset CompletedAt)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public const int MaxKept = 10_000;
}
