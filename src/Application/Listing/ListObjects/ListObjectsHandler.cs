using BleepStore.Application.Abstractions;
using MediatR;

namespace BleepStore.Application.Listing.ListObjects;

internal sealed class ListObjectsHandler(IMetadataStore store) : IRequestHandler<ListObjectsQuery, ListObjectsResult>
{
    public async Task<ListObjectsResult> Handle(ListObjectsQuery request, CancellationToken cancellationToken)
    {
        var maxKeys = ListingRequest.ClampMaxKeys(request.MaxKeys);
        var bucket = await store.RequireListableAsync(request.Bucket, request.Context.Caller, cancellationToken).ConfigureAwait(false);
        var marker = string.IsNullOrEmpty(request.Marker) ? null : request.Marker;
        var page = await ListingEngine.ListAsync(store, request.Bucket, request.Prefix ?? "", request.Delimiter, marker, maxKeys, cancellationToken)
            .ConfigureAwait(false);
        return new ListObjectsResult(request, bucket, maxKeys, page, page.IsTruncated ? page.Last : null);
    }
}
