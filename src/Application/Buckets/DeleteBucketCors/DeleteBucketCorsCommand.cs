using BleepStore.Application.Requests;
using MediatR;

namespace BleepStore.Application.Buckets.DeleteBucketCors;

public sealed record DeleteBucketCorsCommand(S3RequestContext Context, string Bucket) : IS3Request<Unit>;
