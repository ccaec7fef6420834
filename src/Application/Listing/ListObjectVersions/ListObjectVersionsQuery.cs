using BleepStore.Application.Abstractions;
using BleepStore.Application.Requests;
using BleepStore.Domain.Buckets;
using MediatR;

namespace BleepStore.Application.Listing.ListObjectVersions;

/// <summary>
/// <c>GET /{bucket}?versions</c> on a bucket that has never had versioning: every object is its one
/// <c>null</c> version (IsLatest), so tools that list versions before emptying a bucket work.
/// </summary>
/// <param name="MaxKeys">The <c>max-keys</c> value; null → 1000; above 1000 → 1000; negative → 400.</param>
/// <param name="RawMaxKeys">The <c>max-keys</c> query value as sent, when it came over HTTP: set with a null <paramref name="MaxKeys"/> it means "not an integer" (400).</param>
public sealed record ListObjectVersionsQuery(
    S3RequestContext Context,
    string Bucket,
    string? Prefix = null,
    string? Delimiter = null,
    int? MaxKeys = null,
    string? KeyMarker = null,
    string? VersionIdMarker = null,
    string? EncodingType = null,
    string? RawMaxKeys = null) : IS3Request<ListObjectVersionsResult>;

/// <param name="NextKeyMarker">Set when truncated; NextVersionIdMarker is then "null" for a key, absent after a common prefix.</param>
public sealed record ListObjectVersionsResult(
    ListObjectVersionsQuery Query, Bucket Bucket, int MaxKeys, ListingPage Page, string? NextKeyMarker, string? NextVersionIdMarker);

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
