using BleepStore.Application.Requests;

namespace BleepStore.Application.Buckets.GetBucketVersioning;

/// <summary>
/// <c>GET /{bucket}?versioning</c>: the bucket's Status (Enabled or Suspended), or an empty
/// VersioningConfiguration for a bucket that never had versioning (tools such as rclone ask before listing).
/// </summary>
public sealed record GetBucketVersioningQuery(S3RequestContext Context, string Bucket) : IS3Request<GetBucketVersioningResult>;

/// <param name="Status">Null: never enabled (S3 then omits Status).</param>
public sealed record GetBucketVersioningResult(string? Status);
