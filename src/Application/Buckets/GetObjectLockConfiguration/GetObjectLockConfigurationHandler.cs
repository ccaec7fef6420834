using BleepStore.Application.Abstractions;
using BleepStore.Application.Tagging;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Errors;
using MediatR;

namespace BleepStore.Application.Buckets.GetObjectLockConfiguration;

/// <summary>The bucket owner reads the configuration (S3 grants s3:GetBucketObjectLockConfiguration to the owner by default).</summary>
internal sealed class GetObjectLockConfigurationHandler(IMetadataStore store) : IRequestHandler<GetObjectLockConfigurationQuery, ObjectLockConfiguration>
{
    public async Task<ObjectLockConfiguration> Handle(GetObjectLockConfigurationQuery request, CancellationToken cancellationToken)
    {
        var bucket = await TaggingAccess.RequireBucketOwnerAsync(store, request.Bucket, request.Context.Caller, cancellationToken).ConfigureAwait(false);
        return bucket.ObjectLock ?? throw new S3Exception(S3Errors.ObjectLockConfigurationNotFoundError, details: [new("BucketName", bucket.Name)]);
    }
}
