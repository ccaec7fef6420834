using BleepStore.Application.Abstractions;
using BleepStore.Application.Access;
using BleepStore.Application.Buckets;
using BleepStore.Application.Objects;
using BleepStore.Domain.Access;
using MediatR;

namespace BleepStore.Application.Uploads.AbortMultipartUpload;

internal sealed class AbortMultipartUploadHandler(IMetadataStore store, IObjectStorage storage, BlobReaper reaper)
    : IRequestHandler<AbortMultipartUploadCommand, Unit>
{
    public async Task<Unit> Handle(AbortMultipartUploadCommand request, CancellationToken cancellationToken)
    {
        var bucket = await store.RequireAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        AccessPolicy.Demand(bucket.Acl, request.Context.Caller, Permission.Write);
        var upload = await store.RequireUploadAsync(request.UploadId, request.Bucket, request.Key, cancellationToken).ConfigureAwait(false);

        var parts = await store.AbortUploadAsync(upload.UploadId, cancellationToken).ConfigureAwait(false)
            ?? throw UploadLookup.NoSuchUpload(request.UploadId);
        foreach (var part in parts)
        {
            await reaper.DeleteAsync(storage, upload.Bucket, part.BlobId).ConfigureAwait(false);
        }

        return Unit.Value;
    }
}
