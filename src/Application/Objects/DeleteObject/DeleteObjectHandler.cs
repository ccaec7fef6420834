using BleepStore.Application.Abstractions;
using BleepStore.Application.Access;
using BleepStore.Application.Buckets;
using BleepStore.Domain.Access;
using MediatR;

namespace BleepStore.Application.Objects.DeleteObject;

internal sealed class DeleteObjectHandler(IMetadataStore store, IObjectStorage storage, BlobReaper reaper, IClock? clock = null) : IRequestHandler<DeleteObjectCommand, DeleteObjectResult>
{
    public async Task<DeleteObjectResult> Handle(DeleteObjectCommand request, CancellationToken cancellationToken)
    {
        var bucket = await store.RequireAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        AccessPolicy.Demand(bucket.Acl, request.Context.Caller, Permission.Write);

        // Row first, bytes second (crash-only rule 5): a crash in between leaves an orphan blob, never a dangling row.
        var outcome = request.VersionId is { } versionId
            ? await store.DeleteVersionAsync(request.Bucket, request.Key, versionId, cancellationToken).ConfigureAwait(false)
            : await store.DeleteCurrentAsync(request.Bucket, request.Key, request.Context.Caller ?? bucket.Owner, (clock ?? new SystemClock()).UtcNow, cancellationToken).ConfigureAwait(false);
        if (outcome.Released is { } deleted)
        {
            await reaper.ReleaseAsync(storage, deleted).ConfigureAwait(false);
        }

        // S3 names the version removed (even one that did not exist) and the marker made or removed.
        return request.VersionId is not null
            ? new DeleteObjectResult(request.VersionId, outcome.DeleteMarker)
            : new DeleteObjectResult(outcome.VersionId, outcome.DeleteMarker);
    }
}
