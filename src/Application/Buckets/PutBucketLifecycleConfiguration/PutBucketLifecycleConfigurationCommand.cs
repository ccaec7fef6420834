using BleepStore.Application.Requests;
using BleepStore.Domain.Lifecycle;
using MediatR;

namespace BleepStore.Application.Buckets.PutBucketLifecycleConfiguration;

/// <summary><c>PUT /{bucket}?lifecycle</c> (docs/lifecycle.md).</summary>
/// <param name="Rules">The <c>LifecycleConfiguration</c> document, read after the bucket is found and the caller owns it.</param>
public sealed record PutBucketLifecycleConfigurationCommand(S3RequestContext Context, string Bucket, RequestDocument<IReadOnlyList<LifecycleRule>> Rules)
    : IS3Request<Unit>, IHasBody
{
    Stream IHasBody.Body { get => Rules.Body; set => Rules.Body = value; }

    long? IHasBody.ContentLength { get => Rules.ContentLength; set => Rules.ContentLength = value; }
}
