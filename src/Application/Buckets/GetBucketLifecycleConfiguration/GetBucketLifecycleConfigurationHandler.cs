using BleepStore.Application.Abstractions;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Lifecycle;
using MediatR;

namespace BleepStore.Application.Buckets.GetBucketLifecycleConfiguration;

internal sealed class GetBucketLifecycleConfigurationHandler(IMetadataStore store) : IRequestHandler<GetBucketLifecycleConfigurationQuery, IReadOnlyList<LifecycleRule>>
{
    public async Task<IReadOnlyList<LifecycleRule>> Handle(GetBucketLifecycleConfigurationQuery request, CancellationToken cancellationToken)
    {
        var bucket = await store.RequireOwnedAsync(request.Bucket, request.Context.Caller, cancellationToken).ConfigureAwait(false);
        return bucket.Lifecycle ?? throw new S3Exception(S3Errors.NoSuchLifecycleConfiguration, details: [new("BucketName", bucket.Name)]);
    }
}
