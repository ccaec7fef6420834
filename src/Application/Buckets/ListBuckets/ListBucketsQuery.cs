using BleepStore.Application.Requests;
using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;

namespace BleepStore.Application.Buckets.ListBuckets;

/// <param name="Prefix">Only buckets whose names start with it (case-sensitive).</param>
/// <param name="MaxBuckets"><c>max-buckets</c>: 1–10000 (else 400); null → every bucket on one page.</param>
/// <param name="ContinuationToken">A token from an earlier page (only ones this server issued).</param>
/// <param name="BucketRegion">Only buckets in this region.</param>
/// <param name="RawMaxBuckets">The <c>max-buckets</c> query value as sent: set with a null <paramref name="MaxBuckets"/> it means "not an integer" (400).</param>
public sealed record ListBucketsQuery(
    S3RequestContext Context,
    string? Prefix = null,
    int? MaxBuckets = null,
    string? ContinuationToken = null,
    string? BucketRegion = null,
    string? RawMaxBuckets = null) : IS3Request<ListBucketsResult>
{
    /// <summary>Whether any of S3's ListBuckets parameters was sent: then each Bucket carries its BucketRegion, as S3 answers.</summary>
    public bool HasParameters => Prefix is not null || RawMaxBuckets is not null || MaxBuckets is not null || ContinuationToken is not null || BucketRegion is not null;
}

/// <param name="ContinuationToken">The token of the next page, only when this one is truncated.</param>
/// <param name="Prefix">The prefix as sent, echoed.</param>
/// <param name="WithRegions">Write BucketRegion on each bucket (S3 does when the request had a parameter).</param>
public sealed record ListBucketsResult(Owner Owner, IReadOnlyList<Bucket> Buckets, string? ContinuationToken = null, string? Prefix = null, bool WithRegions = false);
