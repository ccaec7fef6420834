using BleepStore.Application.Access;
using BleepStore.Application.Requests;
using BleepStore.Domain.Access;
using MediatR;

namespace BleepStore.Application.Objects.PutObjectAcl;

/// <param name="Acl">The canned or grant headers (or, in process, a ready policy).</param>
/// <param name="Policy">The AccessControlPolicy body (null when empty); read only when <paramref name="Acl"/> is empty.</param>
/// <param name="VersionId">The <c>versionId</c> query value: that version's ACL (decision 0014).</param>
public sealed record PutObjectAclCommand(S3RequestContext Context, string Bucket, string Key, AclRequest Acl, RequestDocument<AccessControlList?>? Policy = null, string? VersionId = null)
    : IS3Request<Unit>, IHasBody, IVersionedObjectRequest
{
    Stream IHasBody.Body { get => Policy?.Body ?? Stream.Null; set => Policy?.Body = value; }

    long? IHasBody.ContentLength { get => Policy is null ? 0 : Policy.ContentLength; set => Policy?.ContentLength = value; }
}

internal sealed class PutObjectAclValidator : VersionIdValidator<PutObjectAclCommand>;
