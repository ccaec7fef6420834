using BleepStore.Application.Requests;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Objects.GetObjectRetention;

/// <summary><c>GET /{bucket}/{key}?retention</c>: the version's retention, or NoSuchObjectLockConfiguration.</summary>
public sealed record GetObjectRetentionQuery(S3RequestContext Context, string Bucket, string Key, string? VersionId = null) : IS3Request<ObjectRetention>, IVersionedObjectRequest;

internal sealed class GetObjectRetentionValidator : VersionIdValidator<GetObjectRetentionQuery>;
