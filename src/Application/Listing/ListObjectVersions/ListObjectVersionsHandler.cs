using BleepStore.Application.Abstractions;
using MediatR;

namespace BleepStore.Application.Listing.ListObjectVersions;

internal sealed class ListObjectVersionsHandler(IMetadataStore store) : IRequestHandler<ListObjectVersionsQuery, ListObjectVersionsResult>
{
    public const string NullVersionId = "null";

    public async Task<ListObjectVersionsResult> Handle(ListObjectVersionsQuery request, CancellationToken cancellationToken)
    {
        var maxKeys = ListingRequest.ClampMaxKeys(request.MaxKeys);
        var bucket = await store.RequireListableAsync(request.Bucket, request.Context.Caller, cancellationToken).ConfigureAwait(false);

        // Each key has exactly one version, so (key-marker, version-id-marker) resumes strictly after the key
        // whatever the version id marker says.
        var marker = string.IsNullOrEmpty(request.KeyMarker) ? null : request.KeyMarker;
        var page = await ListingEngine.ListAsync(store, request.Bucket, request.Prefix ?? "", request.Delimiter, marker, maxKeys, cancellationToken)
            .ConfigureAwait(false);

        string? nextKey = null, nextVersion = null;
        if (page.IsTruncated && page.Last is not null)
        {
            nextKey = page.Last;
            nextVersion = page.Contents.Count > 0 && page.Contents[^1].Key == page.Last ? NullVersionId : null;
        }

        return new ListObjectVersionsResult(request, bucket, maxKeys, page, nextKey, nextVersion);
    }
}
