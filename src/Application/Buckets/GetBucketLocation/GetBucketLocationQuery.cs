using BleepStore.Application.Requests;

namespace BleepStore.Application.Buckets.GetBucketLocation;

public sealed record GetBucketLocationQuery(S3RequestContext Context, string Bucket) : IS3Request<GetBucketLocationResult>;

/// <param name="LocationConstraint">Null for us-east-1, which S3 renders as an empty element.</param>
public sealed record GetBucketLocationResult(string? LocationConstraint);
