using BleepStore.Application.Requests;
using BleepStore.Domain.Tagging;

namespace BleepStore.Application.Objects.GetObjectTagging;

/// <summary>The object's tag set in key order; an untagged object answers an empty set.</summary>
public sealed record GetObjectTaggingQuery(S3RequestContext Context, string Bucket, string Key, string? VersionId = null) : IS3Request<IReadOnlyList<Tag>>, IVersionedObjectRequest;

internal sealed class GetObjectTaggingValidator : VersionIdValidator<GetObjectTaggingQuery>;
