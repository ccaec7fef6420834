using BleepStore.Application.Requests;
using BleepStore.Domain.Cors;
using MediatR;

namespace BleepStore.Application.Buckets.PutBucketCors;

/// <param name="Cors">The <c>CORSConfiguration</c> document, read after the bucket is found and the caller owns it.</param>
public sealed record PutBucketCorsCommand(S3RequestContext Context, string Bucket, RequestDocument<IReadOnlyList<CorsRule>> Cors)
    : IS3Request<Unit>, IHasBody
{
    Stream IHasBody.Body { get => Cors.Body; set => Cors.Body = value; }

    long? IHasBody.ContentLength { get => Cors.ContentLength; set => Cors.ContentLength = value; }
}
