using BleepStore.Application.Requests;

namespace BleepStore.Application.Objects.DeleteObject;

/// <param name="VersionId">The <c>versionId</c> query value: that version is removed for good; absent = DeleteObject under the bucket's versioning state.</param>
/// <param name="BypassGovernance"><c>x-amz-bypass-governance-retention: true</c>: a GOVERNANCE retention does not keep the version.</param>
public sealed record DeleteObjectCommand(S3RequestContext Context, string Bucket, string Key, string? VersionId = null, bool BypassGovernance = false) : IS3Request<DeleteObjectResult>;

/// <summary><c>x-amz-version-id</c> and <c>x-amz-delete-marker</c> as S3 sends them (both absent for a never-versioned bucket).</summary>
public sealed record DeleteObjectResult(string? VersionId, bool DeleteMarker)
{
    public static readonly DeleteObjectResult None = new(null, false);
}
