using BleepStore.Application.Abstractions;
using BleepStore.Domain.Errors;
using MediatR;

namespace BleepStore.Application.Buckets.GetBucketOwnershipControls;

internal sealed class GetBucketOwnershipControlsHandler(IMetadataStore store) : IRequestHandler<GetBucketOwnershipControlsQuery, string>
{
    public async Task<string> Handle(GetBucketOwnershipControlsQuery request, CancellationToken cancellationToken)
    {
        var bucket = await store.RequireOwnedAsync(request.Bucket, request.Context.Caller, cancellationToken).ConfigureAwait(false);
        return bucket.ObjectOwnership ?? throw new S3Exception(S3Errors.OwnershipControlsNotFoundError, details: [new("BucketName", bucket.Name)]);
    }
}
