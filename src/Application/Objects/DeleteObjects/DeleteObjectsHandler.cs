using BleepStore.Application.Abstractions;
using BleepStore.Application.Access;
using BleepStore.Application.Buckets;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using MediatR;

namespace BleepStore.Application.Objects.DeleteObjects;

internal sealed class DeleteObjectsHandler(IMetadataStore store, IObjectStorage storage, BlobReaper reaper, IClock? clock = null) : IRequestHandler<DeleteObjectsCommand, DeleteObjectsResult>
{
    public const int MaxKeys = 1000;

    public async Task<DeleteObjectsResult> Handle(DeleteObjectsCommand request, CancellationToken cancellationToken)
    {
        var bucket = await store.RequireAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        AccessPolicy.Demand(bucket.Acl, request.Context.Caller, Permission.Write);
        var document = await request.Document.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (document.Objects.Count is 0 or > MaxKeys)
        {
            throw new S3Exception(S3Errors.MalformedXML);
        }

        var deleted = new List<DeleteObjectsEntry>(document.Objects.Count);
        var errors = new List<DeleteObjectsError>();
        var keys = new List<string>(document.Objects.Count);
        var versioned = bucket.Versioning is not null || document.Objects.Any(o => o.VersionId is not null);
        foreach (var entry in document.Objects)
        {
            try
            {
                ObjectKey.EnsureValid(entry.Key);
                if (entry.VersionId is not null && !VersionIds.IsWellFormed(entry.VersionId))
                {
                    // S3 reports a malformed id per entry, as NoSuchVersion.
                    throw new S3Exception(S3Errors.NoSuchVersion);
                }

                if (!versioned)
                {
                    keys.Add(entry.Key);
                    deleted.Add(entry);
                    continue;
                }

                // Decision 0014: one DeleteObject per entry, each its own transaction, as S3 reports them one by one.
                var now = (clock ?? new SystemClock()).UtcNow;
                var outcome = entry.VersionId is { } versionId
                    ? await store.DeleteVersionAsync(request.Bucket, entry.Key, versionId, new ObjectLockGuard(now, request.BypassGovernance), cancellationToken).ConfigureAwait(false)
                    : await store.DeleteCurrentAsync(request.Bucket, entry.Key, request.Context.Caller ?? bucket.Owner, now, cancellationToken).ConfigureAwait(false);
                if (outcome.Locked != ObjectLockVerdict.Allowed)
                {
                    // S3 reports a locked version as this entry's AccessDenied.
                    throw new S3Exception(S3Errors.AccessDenied, ObjectLockRules.DeniedMessage);
                }

                if (outcome.Released is { } row)
                {
                    await reaper.ReleaseAsync(storage, row).ConfigureAwait(false);
                }

                deleted.Add(entry.VersionId is not null
                    ? entry with { DeleteMarker = outcome.DeleteMarker, DeleteMarkerVersionId = outcome.DeleteMarker ? entry.VersionId : null }
                    : entry with { DeleteMarker = outcome.DeleteMarker, DeleteMarkerVersionId = outcome.DeleteMarker ? outcome.VersionId : null });
            }
            catch (S3Exception ex)
            {
                errors.Add(new DeleteObjectsError(entry.Key, ex.Error.Code, ex.Message) { VersionId = entry.VersionId });
            }
        }

        // One transaction for the rows; missing keys count as deleted, as in S3.
        var removed = keys.Count == 0 ? [] : await store.DeleteObjectsAsync(request.Bucket, keys, cancellationToken).ConfigureAwait(false);
        foreach (var row in removed)
        {
            await reaper.ReleaseAsync(storage, row).ConfigureAwait(false);
        }

        return new DeleteObjectsResult(document.Quiet, deleted, errors);
    }
}
