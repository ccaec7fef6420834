using BleepStore.Application.Access;
using BleepStore.Application.Requests;
using BleepStore.Domain.Access;
using MediatR;

namespace BleepStore.Application.Buckets.PutBucketAcl;

/// <param name="Acl">The canned or grant headers (or, in process, a ready policy).</param>
/// <param name="Policy">The AccessControlPolicy body (null when empty); read only when <paramref name="Acl"/> is empty.</param>
public sealed record PutBucketAclCommand(S3RequestContext Context, string Bucket, AclRequest Acl, RequestDocument<AccessControlList?>? Policy = null)
    : IS3Request<Unit>, IHasBody
{
    Stream IHasBody.Body { get => Policy?.Body ?? Stream.Null; set => Policy?.Body = value; }

    long? IHasBody.ContentLength { get => Policy is null ? 0 : Policy.ContentLength; set => Policy?.ContentLength = value; }
}
