using BleepStore.Application.Requests;
using BleepStore.Domain.Tagging;
using MediatR;

namespace BleepStore.Application.Objects.PutObjectTagging;

/// <param name="Tagging">The <c>Tagging</c> document, read after the object is found.</param>
public sealed record PutObjectTaggingCommand(S3RequestContext Context, string Bucket, string Key, RequestDocument<IReadOnlyList<Tag>> Tagging, string? VersionId = null)
    : IS3Request<ObjectTaggingResult>, IHasBody, IVersionedObjectRequest
{
    Stream IHasBody.Body { get => Tagging.Body; set => Tagging.Body = value; }

    long? IHasBody.ContentLength { get => Tagging.ContentLength; set => Tagging.ContentLength = value; }
}

internal sealed class PutObjectTaggingValidator : VersionIdValidator<PutObjectTaggingCommand>;
