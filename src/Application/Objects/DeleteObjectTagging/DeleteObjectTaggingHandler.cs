using BleepStore.Application.Abstractions;
using BleepStore.Application.Objects.PutObjectTagging;
using BleepStore.Application.Tagging;
using BleepStore.Domain.Tagging;
using MediatR;

namespace BleepStore.Application.Objects.DeleteObjectTagging;

/// <summary>Removes the whole tag set; 204 whether or not the object had tags (with the version id as PutObjectTagging).</summary>
internal sealed class DeleteObjectTaggingHandler(IMetadataStore store) : IRequestHandler<DeleteObjectTaggingCommand, ObjectTaggingResult>
{
    public async Task<ObjectTaggingResult> Handle(DeleteObjectTaggingCommand request, CancellationToken cancellationToken)
    {
        var (_, bucket) = await TaggingAccess.RequireObjectAsync(store, request.Bucket, request.Key, request.Context.Caller, write: true, cancellationToken, request.VersionId).ConfigureAwait(false);
        var tagged = await PutObjectTaggingHandler.SetAsync(store, request.Bucket, request.Key, request.VersionId, TagSet.Empty, cancellationToken).ConfigureAwait(false);
        return new ObjectTaggingResult(TagSet.Empty, bucket.Versioning is null ? null : tagged);
    }
}
