using BleepStore.Application.Requests;
using BleepStore.Domain.Buckets;

namespace BleepStore.Application.Buckets.GetObjectLockConfiguration;

/// <summary><c>GET /{bucket}?object-lock</c>: the bucket's configuration, or ObjectLockConfigurationNotFoundError.</summary>
public sealed record GetObjectLockConfigurationQuery(S3RequestContext Context, string Bucket) : IS3Request<ObjectLockConfiguration>;
