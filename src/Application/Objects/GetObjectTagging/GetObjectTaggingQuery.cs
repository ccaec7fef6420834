using BleepStore.Application.Requests;

namespace BleepStore.Application.Objects.GetObjectTagging;

/// <summary>The object's tag set in key order (an untagged object answers an empty set) and its version id (ObjectTaggingResult).</summary>
public sealed record GetObjectTaggingQuery(S3RequestContext Context, string Bucket, string Key, string? VersionId = null) : IS3Request<ObjectTaggingResult>, IVersionedObjectRequest;

internal sealed class GetObjectTaggingValidator : VersionIdValidator<GetObjectTaggingQuery>;
