using BleepStore.Application.Requests;

namespace BleepStore.Application.Buckets.GetBucketVersioning;

/// <summary>
/// <c>GET /{bucket}?versioning</c>. Versioning is never enabled here, so every bucket answers as an S3
/// bucket that never had it: an empty VersioningConfiguration (tools such as rclone ask before listing).
/// </summary>
public sealed record GetBucketVersioningQuery(S3RequestContext Context, string Bucket) : IS3Request<GetBucketVersioningResult>;

/// <param name="Status">Null: never enabled (S3 then omits Status).</param>
public sealed record GetBucketVersioningResult(string? Status);
