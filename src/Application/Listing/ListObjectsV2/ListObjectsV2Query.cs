using BleepStore.Application.Requests;
using BleepStore.Domain.Buckets;

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
