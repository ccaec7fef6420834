using BleepStore.Application.Abstractions;
using BleepStore.Application.Tagging;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Tagging;
using MediatR;

namespace BleepStore.Application.Objects.DeleteObjectTagging;

/// <summary>Removes the whole tag set; 204 whether or not the object had tags.</summary>
internal sealed class DeleteObjectTaggingHandler(IMetadataStore store) : IRequestHandler<DeleteObjectTaggingCommand, Unit>
{
    public async Task<Unit> Handle(DeleteObjectTaggingCommand request, CancellationToken cancellationToken)
    {
        await TaggingAccess.RequireObjectAsync(store, request.Bucket, request.Key, request.Context.Caller, write: true, cancellationToken, request.VersionId).ConfigureAwait(false);
        if (request.VersionId is { } versionId)
        {
            if (!await store.SetObjectVersionTagsAsync(request.Bucket, request.Key, versionId, TagSet.Empty, cancellationToken).ConfigureAwait(false))
            {
                throw ObjectAccess.NoSuchVersion(request.Key, versionId);
            }
        }
        else if (!await store.SetObjectTagsAsync(request.Bucket, request.Key, TagSet.Empty, cancellationToken).ConfigureAwait(false))
        {
            throw S3Exception.NoSuchKey(request.Key);
        }

        return Unit.Value;
    }
}
