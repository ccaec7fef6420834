using BleepStore.Application.Requests;
using MediatR;

namespace BleepStore.Application.Buckets.DeleteBucket;

public sealed record DeleteBucketCommand(S3RequestContext Context, string Bucket) : IS3Request<Unit>;
