using BleepStore.Application.Abstractions;
using BleepStore.Application.Access;
using BleepStore.Application.Buckets;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using MediatR;

namespace BleepStore.Application.Objects.DeleteObject;

internal sealed class DeleteObjectHandler(IMetadataStore store, IObjectStorage storage, BlobReaper reaper, IClock? clock = null) : IRequestHandler<DeleteObjectCommand, DeleteObjectResult>
{
    public async Task<DeleteObjectResult> Handle(DeleteObjectCommand request, CancellationToken cancellationToken)
    {
        var bucket = await store.RequireAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        AccessPolicy.Demand(bucket.Acl, request.Context.Caller, Permission.Write);

        // Row first, bytes second (crash-only rule 5): a crash in between leaves an orphan blob, never a dangling row.
        // A version named by id is removed only if object lock allows it now, judged in the store's transaction.
        var now = (clock ?? new SystemClock()).UtcNow;
        var outcome = request.VersionId is { } versionId
            ? await store.DeleteVersionAsync(request.Bucket, request.Key, versionId, new ObjectLockGuard(now, request.BypassGovernance), cancellationToken).ConfigureAwait(false)
            : await store.DeleteCurrentAsync(request.Bucket, request.Key, request.Context.Caller ?? bucket.Owner, now, cancellationToken).ConfigureAwait(false);
        if (outcome.Locked != ObjectLockVerdict.Allowed)
        {
            throw new S3Exception(S3Errors.AccessDenied, ObjectLockRules.DeniedMessage);
        }

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
