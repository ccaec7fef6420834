using BleepStore.Application.Requests;
using BleepStore.Domain.Buckets;

namespace BleepStore.Application.Listing.ListObjectVersions;

/// <summary>
/// <c>GET /{bucket}?versions</c>: versions and delete markers (decision 0014); in a bucket that never had
/// versioning every object is its one <c>null</c> version (IsLatest).
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

/// <param name="NextKeyMarker">Set when truncated; NextVersionIdMarker is then the last entry's version id, absent after a common prefix.</param>
public sealed record ListObjectVersionsResult(
    ListObjectVersionsQuery Query, Bucket Bucket, int MaxKeys, ListingPage Page, string? NextKeyMarker, string? NextVersionIdMarker)
{
    private readonly IReadOnlyList<Abstractions.ObjectVersion>? _versions;

    /// <summary>The entries of <see cref="ListingPage.Contents"/> with IsLatest (markers flagged on the record); unset, each entry is its latest version.</summary>
    public IReadOnlyList<Abstractions.ObjectVersion> Versions
    {
        get => _versions ?? [.. Page.Contents.Select(static c => new Abstractions.ObjectVersion(c, true))];
        init => _versions = value;
    }
}
