using BleepStore.Application.Abstractions;
using MediatR;

namespace BleepStore.Application.Buckets.DeleteBucketCors;

/// <summary>Removes the CORS rules; 204 whether or not there were any.</summary>
internal sealed class DeleteBucketCorsHandler(IMetadataStore store) : IRequestHandler<DeleteBucketCorsCommand, Unit>
{
    public async Task<Unit> Handle(DeleteBucketCorsCommand request, CancellationToken cancellationToken)
    {
        var bucket = await store.RequireOwnedAsync(request.Bucket, request.Context.Caller, cancellationToken).ConfigureAwait(false);
        await store.SetBucketCorsAsync(bucket.Name, null, cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }
}
