using BleepStore.Application.Requests;
using BleepStore.Domain.Access;

namespace BleepStore.Application.Buckets.GetBucketAcl;

public sealed record GetBucketAclQuery(S3RequestContext Context, string Bucket) : IS3Request<AccessControlList>;
