using BleepStore.Application.Requests;
using BleepStore.Domain.Tagging;
using MediatR;

namespace BleepStore.Application.Buckets.PutBucketTagging;

/// <param name="Tagging">The <c>Tagging</c> document, read after the bucket is found and the caller owns it.</param>
public sealed record PutBucketTaggingCommand(S3RequestContext Context, string Bucket, RequestDocument<IReadOnlyList<Tag>> Tagging)
    : IS3Request<Unit>, IHasBody
{
    Stream IHasBody.Body { get => Tagging.Body; set => Tagging.Body = value; }

    long? IHasBody.ContentLength { get => Tagging.ContentLength; set => Tagging.ContentLength = value; }
}
