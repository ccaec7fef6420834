using BleepStore.Application.Abstractions;
using BleepStore.Application.Objects;
using BleepStore.Application.Requests;
using BleepStore.Domain.Errors;
using MediatR;

namespace BleepStore.Application.Behaviors;

/// <summary>
/// <c>x-amz-expected-bucket-owner</c> (and <c>x-amz-source-expected-bucket-owner</c> on copies) on every bucket
/// and object operation: when the addressed bucket exists and its owner's canonical id is not the expected
/// one, 403 AccessDenied before the handler runs, so nothing changes. A missing bucket is the handler's
/// NoSuchBucket. Requests without the headers (<see cref="S3RequestContext.ExpectedOwners"/> null) pass at
/// the cost of one null check; with them, one bucket read each (the store's row cache, decision 6).
/// </summary>
internal sealed class ExpectedBucketOwnerBehavior<TRequest, TResponse>(IMetadataStore store) : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IS3Request<TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next) =>
        request.Context.ExpectedOwners is { } expected ? CheckThenAsync(request, expected, cancellationToken, next) : next();

    private async Task<TResponse> CheckThenAsync(TRequest request, ExpectedBucketOwners expected, CancellationToken ct, RequestHandlerDelegate<TResponse> next)
    {
        await DemandAsync(expected.Bucket, expected.OwnerId, ct).ConfigureAwait(false);
        var sourceBucket = expected.SourceBucket;
        if (sourceBucket is null && expected.SourceOwnerId is not null
            && request.Context.Http?.Header("x-amz-copy-source") is { } header && CopySource.TryParse(header, out var source))
        {
            sourceBucket = source.Bucket;
        }

        await DemandAsync(sourceBucket, expected.SourceOwnerId, ct).ConfigureAwait(false);
        return await next().ConfigureAwait(false);
    }

    private async Task DemandAsync(string? bucketName, string? ownerId, CancellationToken ct)
    {
        if (bucketName is null || ownerId is null)
        {
            return;
        }

        if (await store.GetBucketAsync(bucketName, ct).ConfigureAwait(false) is { } bucket && !string.Equals(bucket.Owner.Id, ownerId, StringComparison.Ordinal))
        {
            throw new S3Exception(S3Errors.AccessDenied);
        }
    }
}
