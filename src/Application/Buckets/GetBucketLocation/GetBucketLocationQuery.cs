using BleepStore.Application.Abstractions;
using BleepStore.Application.Requests;
using BleepStore.Domain.Errors;
using MediatR;

namespace BleepStore.Application.Buckets.GetBucketLocation;

public sealed record GetBucketLocationQuery(S3RequestContext Context, string Bucket) : IS3Request<GetBucketLocationResult>;

/// <param name="LocationConstraint">Null for us-east-1, which S3 renders as an empty element.</param>
public sealed record GetBucketLocationResult(string? LocationConstraint);

internal sealed class GetBucketLocationHandler(IMetadataStore store) : IRequestHandler<GetBucketLocationQuery, GetBucketLocationResult>
{
    public async Task<GetBucketLocationResult> Handle(GetBucketLocationQuery request, CancellationToken cancellationToken)
    {
        var bucket = await store.RequireAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        if (request.Context.Caller?.Id != bucket.Owner.Id)
        {
            throw new S3Exception(S3Errors.AccessDenied);
        }

        return new GetBucketLocationResult(bucket.Region is "" or "us-east-1" ? null : bucket.Region);
    }
}
