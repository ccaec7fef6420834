using BleepStore.Application.Requests;
using BleepStore.Domain.Buckets;
using MediatR;

namespace BleepStore.Application.Buckets.PutObjectLockConfiguration;

/// <summary><c>PUT /{bucket}?object-lock</c> (docs/object-lock.md).</summary>
/// <param name="Configuration">The ObjectLockConfiguration document, read after the bucket is found and the caller owns it.</param>
public sealed record PutObjectLockConfigurationCommand(S3RequestContext Context, string Bucket, RequestDocument<ObjectLockConfiguration> Configuration)
    : IS3Request<Unit>, IHasBody
{
    Stream IHasBody.Body { get => Configuration.Body; set => Configuration.Body = value; }

    long? IHasBody.ContentLength { get => Configuration.ContentLength; set => Configuration.ContentLength = value; }
}
