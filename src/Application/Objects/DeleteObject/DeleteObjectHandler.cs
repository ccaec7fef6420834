using BleepStore.Application.Abstractions;
using BleepStore.Application.Access;
using BleepStore.Application.Buckets;
using BleepStore.Domain.Access;
using MediatR;

namespace BleepStore.Application.Objects.DeleteObject;

internal sealed class DeleteObjectHandler(IMetadataStore store, IObjectStorage storage, BlobReaper reaper) : IRequestHandler<DeleteObjectCommand, Unit>
{
    public async Task<Unit> Handle(DeleteObjectCommand request, CancellationToken cancellationToken)
    {
        var bucket = await store.RequireAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        AccessPolicy.Demand(bucket.Acl, request.Context.Caller, Permission.Write);

        // Row first, bytes second (crash-only rule 5): a crash in between leaves an orphan blob, never a dangling row.
        var deleted = await store.DeleteObjectAsync(request.Bucket, request.Key, cancellationToken).ConfigureAwait(false);
        if (deleted is not null)
        {
            await reaper.ReleaseAsync(storage, deleted).ConfigureAwait(false);
        }

        return Unit.Value;
    }
}
