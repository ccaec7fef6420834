using BleepStore.Application.Abstractions;
using BleepStore.Domain.Errors;
using MediatR;

namespace BleepStore.Application.Buckets.DeleteBucket;

internal sealed class DeleteBucketHandler(IMetadataStore store, IObjectStorage storage) : IRequestHandler<DeleteBucketCommand, Unit>
{
    public async Task<Unit> Handle(DeleteBucketCommand request, CancellationToken cancellationToken)
    {
        var bucket = await store.RequireAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        if (request.Context.Caller?.Id != bucket.Owner.Id)
        {
            throw new S3Exception(S3Errors.AccessDenied);
        }

        var orphans = new List<string>();
        switch (await store.DeleteBucketAsync(request.Bucket, orphans, cancellationToken).ConfigureAwait(false))
        {
            case DeleteBucketOutcome.NotFound:
                throw S3Exception.NoSuchBucket(request.Bucket);
            case DeleteBucketOutcome.NotEmpty:
                throw new S3Exception(S3Errors.BucketNotEmpty, details: [new("BucketName", request.Bucket)]);
        }

        // The row is gone; what is left in the namespace (parts of open uploads, orphans) goes with it.
        await storage.DeleteBucketAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }
}
