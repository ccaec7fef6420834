using BleepStore.Application.Requests;

namespace BleepStore.Application.Buckets.GetBucketOwnershipControls;

/// <summary>The bucket's ObjectOwnership; OwnershipControlsNotFoundError when it has no ownership controls.</summary>
public sealed record GetBucketOwnershipControlsQuery(S3RequestContext Context, string Bucket) : IS3Request<string>;
