using BleepStore.Application.Requests;
using MediatR;

namespace BleepStore.Application.Buckets.DeleteBucketLifecycle;

/// <summary><c>DELETE /{bucket}?lifecycle</c>: the worker stops applying the bucket's rules.</summary>
public sealed record DeleteBucketLifecycleCommand(S3RequestContext Context, string Bucket) : IS3Request<Unit>;
