using BleepStore.Application.Abstractions;
using BleepStore.Application.Access;
using BleepStore.Application.Buckets;
using BleepStore.Domain.Access;
using MediatR;

namespace BleepStore.Application.Uploads.ListParts;

internal sealed class ListPartsHandler(IMetadataStore store) : IRequestHandler<ListPartsQuery, ListPartsResult>
{
    private const int MaxPageSize = 1000;

    public async Task<ListPartsResult> Handle(ListPartsQuery request, CancellationToken cancellationToken)
    {
        var max = Math.Clamp(request.MaxParts ?? MaxPageSize, 0, MaxPageSize);
        var marker = Math.Max(request.PartNumberMarker ?? 0, 0);
        var caller = request.Context.Caller;
        var bucket = await store.RequireAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        var upload = await store.RequireUploadAsync(request.UploadId, request.Bucket, request.Key, cancellationToken).ConfigureAwait(false);

        // The initiator may always list its parts (to resume); anyone else needs to be able to list the bucket.
        if (caller is null || caller.Id != upload.Initiator.Id)
        {
            AccessPolicy.Demand(bucket.Acl, caller, Permission.Read);
        }

        if (max == 0)
        {
            return new ListPartsResult(upload, [], max, marker, false, null);
        }

        var page = await store.ListPartsAsync(upload.UploadId, marker, max + 1, cancellationToken).ConfigureAwait(false);
        var truncated = page.Count > max;
        var parts = truncated ? page.Take(max).ToArray() : page;
        return new ListPartsResult(upload, parts, max, marker, truncated, truncated ? parts[^1].PartNumber : null);
    }
}
