using BleepStore.Application.Requests;
using BleepStore.Domain.Lifecycle;

namespace BleepStore.Application.Buckets.GetBucketLifecycleConfiguration;

/// <summary>The bucket's lifecycle rules in the order they were put; NoSuchLifecycleConfiguration when it has none.</summary>
public sealed record GetBucketLifecycleConfigurationQuery(S3RequestContext Context, string Bucket) : IS3Request<IReadOnlyList<LifecycleRule>>;
