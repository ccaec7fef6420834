using BleepStore.Application.Requests;

namespace BleepStore.Application.Objects.GetObjectLegalHold;

/// <summary><c>GET /{bucket}/{key}?legal-hold</c>: true ON, false OFF; NoSuchObjectLockConfiguration when never set.</summary>
public sealed record GetObjectLegalHoldQuery(S3RequestContext Context, string Bucket, string Key, string? VersionId = null) : IS3Request<bool>, IVersionedObjectRequest;

internal sealed class GetObjectLegalHoldValidator : VersionIdValidator<GetObjectLegalHoldQuery>;
