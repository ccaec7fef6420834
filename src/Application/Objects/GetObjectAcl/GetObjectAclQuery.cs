using BleepStore.Application.Requests;
using BleepStore.Domain.Access;

namespace BleepStore.Application.Objects.GetObjectAcl;

public sealed record GetObjectAclQuery(S3RequestContext Context, string Bucket, string Key) : IS3Request<AccessControlList>;
