using BleepStore.Application.Abstractions;
using BleepStore.Application.Requests;
using BleepStore.Domain.Buckets;
using MediatR;

namespace BleepStore.Application.Listing.ListObjectsV2;

/// <param name="MaxKeys">The <c>max-keys</c> value; null → 1000; above 1000 → 1000; negative → 400.</param>
/// <param name="RawMaxKeys">The <c>max-keys</c> query value as sent, when it came over HTTP: set with a null <paramref name="MaxKeys"/> it means "not an integer" (400).</param>
public sealed record ListObjectsV2Query(
    S3RequestContext Context,
    string Bucket,
    string? Prefix = null,
    string? Delimiter = null,
    int? MaxKeys = null,
    string? ContinuationToken = null,
    string? StartAfter = null,
    bool FetchOwner = false,
    string? EncodingType = null,
    string? RawMaxKeys = null) : IS3Request<ListObjectsV2Result>;

public sealed record ListObjectsV2Result(ListObjectsV2Query Query, Bucket Bucket, int MaxKeys, ListingPage Page, string? NextContinuationToken);

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
