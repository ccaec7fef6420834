using BleepStore.Application.Requests;
using BleepStore.Domain.Tagging;

namespace BleepStore.Application.Buckets.GetBucketTagging;

/// <summary>The bucket's tag set in key order; NoSuchTagSet when it has none.</summary>
public sealed record GetBucketTaggingQuery(S3RequestContext Context, string Bucket) : IS3Request<IReadOnlyList<Tag>>;
