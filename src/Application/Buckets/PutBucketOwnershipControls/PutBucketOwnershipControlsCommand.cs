using BleepStore.Application.Requests;
using MediatR;

namespace BleepStore.Application.Buckets.PutBucketOwnershipControls;

/// <param name="Ownership">The <c>OwnershipControls</c> document's one ObjectOwnership, read after the bucket is found and the caller owns it.</param>
public sealed record PutBucketOwnershipControlsCommand(S3RequestContext Context, string Bucket, RequestDocument<string> Ownership)
    : IS3Request<Unit>, IHasBody
{
    Stream IHasBody.Body { get => Ownership.Body; set => Ownership.Body = value; }

    long? IHasBody.ContentLength { get => Ownership.ContentLength; set => Ownership.ContentLength = value; }
}
