using BleepStore.Application.Abstractions;
using MediatR;

namespace BleepStore.Application.Listing.ListObjectsV2;

internal sealed class ListObjectsV2Handler(IMetadataStore store) : IRequestHandler<ListObjectsV2Query, ListObjectsV2Result>
{
    public async Task<ListObjectsV2Result> Handle(ListObjectsV2Query request, CancellationToken cancellationToken)
    {
        var maxKeys = ListingRequest.ClampMaxKeys(request.MaxKeys);
        var bucket = await store.RequireListableAsync(request.Bucket, request.Context.Caller, cancellationToken).ConfigureAwait(false);

        // The token wins over start-after; both mean "strictly after".
        var resume = request.ContinuationToken is { } token ? ContinuationToken.Decode(token) : request.StartAfter;
        var page = await ListingEngine.ListAsync(store, request.Bucket, request.Prefix ?? "", request.Delimiter, resume, maxKeys, cancellationToken)
            .ConfigureAwait(false);
        var next = page.IsTruncated && page.Last is not null ? ContinuationToken.Encode(page.Last) : null;
        return new ListObjectsV2Result(request, bucket, maxKeys, page, next);
    }
}
