using BleepStore.Application.Requests;
using BleepStore.Domain.Cors;

namespace BleepStore.Application.Buckets.GetBucketCors;

/// <summary>The bucket's CORS rules in the order they were put; NoSuchCORSConfiguration when it has none.</summary>
public sealed record GetBucketCorsQuery(S3RequestContext Context, string Bucket) : IS3Request<IReadOnlyList<CorsRule>>;
