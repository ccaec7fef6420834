using BleepStore.Application.Requests;
using MediatR;

namespace BleepStore.Application.Objects.DeleteObjectTagging;

public sealed record DeleteObjectTaggingCommand(S3RequestContext Context, string Bucket, string Key, string? VersionId = null) : IS3Request<Unit>, IVersionedObjectRequest;

internal sealed class DeleteObjectTaggingValidator : VersionIdValidator<DeleteObjectTaggingCommand>;
