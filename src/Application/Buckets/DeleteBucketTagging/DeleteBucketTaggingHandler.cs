using BleepStore.Application.Abstractions;
using BleepStore.Application.Tagging;
using MediatR;

namespace BleepStore.Application.Buckets.DeleteBucketTagging;

/// <summary>Removes the tag set; 204 whether or not there was one.</summary>
internal sealed class DeleteBucketTaggingHandler(IMetadataStore store) : IRequestHandler<DeleteBucketTaggingCommand, Unit>
{
    public async Task<Unit> Handle(DeleteBucketTaggingCommand request, CancellationToken cancellationToken)
    {
        var bucket = await TaggingAccess.RequireBucketOwnerAsync(store, request.Bucket, request.Context.Caller, cancellationToken).ConfigureAwait(false);
        await store.SetBucketTagsAsync(bucket.Name, null, cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }
}
