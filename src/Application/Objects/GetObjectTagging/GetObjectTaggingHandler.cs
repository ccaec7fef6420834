using BleepStore.Application.Abstractions;
using BleepStore.Application.Tagging;
using BleepStore.Domain.Objects;
using MediatR;

namespace BleepStore.Application.Objects.GetObjectTagging;

/// <summary>The tag set of the object (or the version named), with its version id on a bucket that has ever had versioning.</summary>
internal sealed class GetObjectTaggingHandler(IMetadataStore store) : IRequestHandler<GetObjectTaggingQuery, ObjectTaggingResult>
{
    public async Task<ObjectTaggingResult> Handle(GetObjectTaggingQuery request, CancellationToken cancellationToken)
    {
        var (obj, bucket) = await TaggingAccess.RequireObjectAsync(store, request.Bucket, request.Key, request.Context.Caller, write: false, cancellationToken, request.VersionId).ConfigureAwait(false);
        return new ObjectTaggingResult(obj.Tags, bucket.Versioning is null ? null : VersionIds.ToWire(obj.VersionId));
    }
}
