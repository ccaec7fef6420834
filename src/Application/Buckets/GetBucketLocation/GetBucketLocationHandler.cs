using BleepStore.Application.Abstractions;
using BleepStore.Domain.Errors;
using MediatR;

namespace BleepStore.Application.Buckets.GetBucketLocation;

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
