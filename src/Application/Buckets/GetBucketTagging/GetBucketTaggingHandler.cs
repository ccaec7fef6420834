using BleepStore.Application.Abstractions;
using BleepStore.Application.Tagging;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Tagging;
using MediatR;

namespace BleepStore.Application.Buckets.GetBucketTagging;

internal sealed class GetBucketTaggingHandler(IMetadataStore store) : IRequestHandler<GetBucketTaggingQuery, IReadOnlyList<Tag>>
{
    public async Task<IReadOnlyList<Tag>> Handle(GetBucketTaggingQuery request, CancellationToken cancellationToken)
    {
        var bucket = await TaggingAccess.RequireBucketOwnerAsync(store, request.Bucket, request.Context.Caller, cancellationToken).ConfigureAwait(false);
        return bucket.Tags is { Count: > 0 } tags
            ? tags
            : throw new S3Exception(S3Errors.NoSuchTagSet, details: [new("BucketName", bucket.Name)]);
    }
}
