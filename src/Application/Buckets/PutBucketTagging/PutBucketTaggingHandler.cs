using BleepStore.Application.Abstractions;
using BleepStore.Application.Tagging;
using BleepStore.Domain.Tagging;
using MediatR;

namespace BleepStore.Application.Buckets.PutBucketTagging;

/// <summary>Replaces the bucket's tag set; an empty TagSet removes it (GetBucketTagging then answers NoSuchTagSet).</summary>
internal sealed class PutBucketTaggingHandler(IMetadataStore store) : IRequestHandler<PutBucketTaggingCommand, Unit>
{
    public async Task<Unit> Handle(PutBucketTaggingCommand request, CancellationToken cancellationToken)
    {
        var bucket = await TaggingAccess.RequireBucketOwnerAsync(store, request.Bucket, request.Context.Caller, cancellationToken).ConfigureAwait(false);
        var tags = TagSet.ForBucket(await request.Tagging.ReadAsync(cancellationToken).ConfigureAwait(false));
        await store.SetBucketTagsAsync(bucket.Name, tags.Count == 0 ? null : tags, cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }
}
