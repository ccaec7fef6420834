using BleepStore.Application.Requests;
using BleepStore.Domain.Buckets;

namespace BleepStore.Application.Listing.ListObjects;

/// <summary>ListObjects version 1 (marker based).</summary>
/// <param name="MaxKeys">The <c>max-keys</c> value; null → 1000; above 1000 → 1000; negative → 400.</param>
/// <param name="RawMaxKeys">The <c>max-keys</c> query value as sent, when it came over HTTP: set with a null <paramref name="MaxKeys"/> it means "not an integer" (400).</param>
/// <param name="ListType">A <c>list-type</c> other than 2 as sent (2 routes to ListObjectsV2): any value is 400 InvalidArgument.</param>
public sealed record ListObjectsQuery(
    S3RequestContext Context,
    string Bucket,
    string? Prefix = null,
    string? Delimiter = null,
    int? MaxKeys = null,
    string? Marker = null,
    string? EncodingType = null,
    string? RawMaxKeys = null,
    string? ListType = null) : IS3Request<ListObjectsResult>;

/// <param name="NextMarker">Set whenever the page is truncated (spec 95 #15).</param>
public sealed record ListObjectsResult(ListObjectsQuery Query, Bucket Bucket, int MaxKeys, ListingPage Page, string? NextMarker);
