using BleepStore.Application.Requests;
using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;

namespace BleepStore.Application.Buckets.ListBuckets;

public sealed record ListBucketsQuery(S3RequestContext Context, string? Prefix = null) : IS3Request<ListBucketsResult>;

public sealed record ListBucketsResult(Owner Owner, IReadOnlyList<Bucket> Buckets);
