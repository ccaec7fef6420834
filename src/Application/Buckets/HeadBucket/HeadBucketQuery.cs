using BleepStore.Application.Requests;

namespace BleepStore.Application.Buckets.HeadBucket;

public sealed record HeadBucketQuery(S3RequestContext Context, string Bucket) : IS3Request<HeadBucketResult>;

public sealed record HeadBucketResult(string Region);
