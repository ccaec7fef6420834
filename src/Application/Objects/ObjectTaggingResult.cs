using BleepStore.Domain.Tagging;

namespace BleepStore.Application.Objects;

/// <summary>
/// What Put/Get/DeleteObjectTagging answer: the tag set now on the version (read, set, or empty after a delete) and
/// the version id S3 sends as <c>x-amz-version-id</c>: the version acted on, on a bucket that has ever had versioning;
/// null (no header) on one that never had.
/// </summary>
public sealed record ObjectTaggingResult(IReadOnlyList<Tag> Tags, string? VersionId);
