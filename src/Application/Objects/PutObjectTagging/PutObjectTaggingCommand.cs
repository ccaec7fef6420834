using BleepStore.Application.Requests;
using BleepStore.Domain.Tagging;
using MediatR;

namespace BleepStore.Application.Objects.PutObjectTagging;

/// <param name="Tagging">The <c>Tagging</c> document, read after the object is found.</param>
public sealed record PutObjectTaggingCommand(S3RequestContext Context, string Bucket, string Key, RequestDocument<IReadOnlyList<Tag>> Tagging)
    : IS3Request<Unit>, IHasBody
{
    Stream IHasBody.Body { get => Tagging.Body; set => Tagging.Body = value; }

    long? IHasBody.ContentLength { get => Tagging.ContentLength; set => Tagging.ContentLength = value; }
}
