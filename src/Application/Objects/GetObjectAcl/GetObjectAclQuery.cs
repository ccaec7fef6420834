using BleepStore.Application.Requests;
using BleepStore.Domain.Access;

namespace BleepStore.Application.Objects.GetObjectAcl;

public sealed record GetObjectAclQuery(S3RequestContext Context, string Bucket, string Key, string? VersionId = null) : IS3Request<AccessControlList>, IVersionedObjectRequest;

internal sealed class GetObjectAclValidator : VersionIdValidator<GetObjectAclQuery>;
