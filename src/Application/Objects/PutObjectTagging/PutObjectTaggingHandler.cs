using BleepStore.Application.Abstractions;
using BleepStore.Application.Tagging;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Tagging;
using MediatR;

namespace BleepStore.Application.Objects.PutObjectTagging;

/// <summary>Replaces the object's whole tag set (an empty set removes it); bytes, ETag and Last-Modified stay.</summary>
internal sealed class PutObjectTaggingHandler(IMetadataStore store) : IRequestHandler<PutObjectTaggingCommand, Unit>
{
    public async Task<Unit> Handle(PutObjectTaggingCommand request, CancellationToken cancellationToken)
    {
        await TaggingAccess.RequireObjectAsync(store, request.Bucket, request.Key, request.Context.Caller, write: true, cancellationToken, request.VersionId).ConfigureAwait(false);
        var tags = TagSet.ForObject(await request.Tagging.ReadAsync(cancellationToken).ConfigureAwait(false));
        if (request.VersionId is { } versionId)
        {
            if (!await store.SetObjectVersionTagsAsync(request.Bucket, request.Key, versionId, tags, cancellationToken).ConfigureAwait(false))
            {
                throw ObjectAccess.NoSuchVersion(request.Key, versionId);
            }
        }
        else if (!await store.SetObjectTagsAsync(request.Bucket, request.Key, tags, cancellationToken).ConfigureAwait(false))
        {
            throw S3Exception.NoSuchKey(request.Key);
        }

        return Unit.Value;
    }
}
