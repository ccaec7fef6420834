using BleepStore.Application.Requests;
using MediatR;

namespace BleepStore.Application.Buckets.DeleteBucketTagging;

public sealed record DeleteBucketTaggingCommand(S3RequestContext Context, string Bucket) : IS3Request<Unit>;
