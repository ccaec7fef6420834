using BleepStore.Application.Abstractions;
using MediatR;

namespace BleepStore.Application.Buckets.DeleteBucketLifecycle;

/// <summary>Removes the lifecycle rules; 204 whether or not there were any.</summary>
internal sealed class DeleteBucketLifecycleHandler(IMetadataStore store) : IRequestHandler<DeleteBucketLifecycleCommand, Unit>
{
    public async Task<Unit> Handle(DeleteBucketLifecycleCommand request, CancellationToken cancellationToken)
    {
        var bucket = await store.RequireOwnedAsync(request.Bucket, request.Context.Caller, cancellationToken).ConfigureAwait(false);
        await store.SetBucketLifecycleAsync(bucket.Name, null, cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }
}
