using BleepStore.Application.Abstractions;
using MediatR;

namespace BleepStore.Application.Buckets.DeleteBucketOwnershipControls;

internal sealed class DeleteBucketOwnershipControlsHandler(IMetadataStore store) : IRequestHandler<DeleteBucketOwnershipControlsCommand, Unit>
{
    public async Task<Unit> Handle(DeleteBucketOwnershipControlsCommand request, CancellationToken cancellationToken)
    {
        var bucket = await store.RequireOwnedAsync(request.Bucket, request.Context.Caller, cancellationToken).ConfigureAwait(false);
        await store.SetBucketOwnershipAsync(bucket.Name, null, cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }
}
