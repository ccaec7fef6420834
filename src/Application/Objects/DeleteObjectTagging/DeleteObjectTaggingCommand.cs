using BleepStore.Application.Requests;

namespace BleepStore.Application.Objects.DeleteObjectTagging;

public sealed record DeleteObjectTaggingCommand(S3RequestContext Context, string Bucket, string Key, string? VersionId = null) : IS3Request<ObjectTaggingResult>, IVersionedObjectRequest;

internal sealed class DeleteObjectTaggingValidator : VersionIdValidator<DeleteObjectTaggingCommand>;
