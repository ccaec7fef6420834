using BleepStore.Application.Abstractions;
using BleepStore.Application.Tagging;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Tagging;
using MediatR;

namespace BleepStore.Application.Objects.PutObjectTagging;

/// <summary>
/// Replaces the object's whole tag set (an empty set removes it); bytes, ETag and Last-Modified stay. On a bucket that
/// has ever had versioning it answers the version it tagged: the one named, or the current one as the store found it
/// when it wrote (not as read before, so a racing PUT cannot make it name the wrong version).
/// </summary>
internal sealed class PutObjectTaggingHandler(IMetadataStore store) : IRequestHandler<PutObjectTaggingCommand, ObjectTaggingResult>
{
    public async Task<ObjectTaggingResult> Handle(PutObjectTaggingCommand request, CancellationToken cancellationToken)
    {
        var (_, bucket) = await TaggingAccess.RequireObjectAsync(store, request.Bucket, request.Key, request.Context.Caller, write: true, cancellationToken, request.VersionId).ConfigureAwait(false);
        var tags = TagSet.ForObject(await request.Tagging.ReadAsync(cancellationToken).ConfigureAwait(false));
        var tagged = await SetAsync(store, request.Bucket, request.Key, request.VersionId, tags, cancellationToken).ConfigureAwait(false);
        return new ObjectTaggingResult(tags, bucket.Versioning is null ? null : tagged);
    }

    /// <summary>Sets the tags of the version named (or the current one); returns the wire id of the version tagged.</summary>
    internal static async Task<string> SetAsync(IMetadataStore store, string bucket, string key, string? versionId, IReadOnlyList<Tag> tags, CancellationToken ct)
    {
        if (versionId is not null)
        {
            return await store.SetObjectVersionTagsAsync(bucket, key, versionId, tags, ct).ConfigureAwait(false)
                ? versionId
                : throw ObjectAccess.NoSuchVersion(key, versionId);
        }

        return await store.SetObjectTagsAsync(bucket, key, tags, ct).ConfigureAwait(false) ?? throw S3Exception.NoSuchKey(key);
    }
}
