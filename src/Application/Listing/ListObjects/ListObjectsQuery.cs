using BleepStore.Application.Abstractions;
using BleepStore.Application.Requests;
using BleepStore.Domain.Buckets;
using MediatR;

namespace BleepStore.Application.Listing.ListObjects;

/// <summary>ListObjects version 1 (marker based).</summary>
/// <param name="MaxKeys">The <c>max-keys</c> value; null → 1000; above 1000 → 1000; negative → 400.</param>
/// <param name="RawMaxKeys">The <c>max-keys</c> query value as sent, when it came over HTTP: set with a null <paramref name="MaxKeys"/> it means "not an integer" (400).</param>
public sealed record ListObjectsQuery(
    S3RequestContext Context,
    string Bucket,
    string? Prefix = null,
    string? Delimiter = null,
    int? MaxKeys = null,
    string? Marker = null,
    string? EncodingType = null,
    string? RawMaxKeys = null) : IS3Request<ListObjectsResult>;

/// <param name="NextMarker">Set whenever the page is truncated (spec 95 #15).</param>
public sealed record ListObjectsResult(ListObjectsQuery Query, Bucket Bucket, int MaxKeys, ListingPage Page, string? NextMarker);

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
