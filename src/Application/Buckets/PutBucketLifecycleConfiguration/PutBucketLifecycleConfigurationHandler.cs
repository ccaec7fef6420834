using BleepStore.Application.Abstractions;
using BleepStore.Domain.Lifecycle;
using MediatR;

namespace BleepStore.Application.Buckets.PutBucketLifecycleConfiguration;

/// <summary>Replaces the bucket's lifecycle rules with the document's, once S3's rules hold (docs/lifecycle.md).</summary>
internal sealed class PutBucketLifecycleConfigurationHandler(IMetadataStore store) : IRequestHandler<PutBucketLifecycleConfigurationCommand, Unit>
{
    public async Task<Unit> Handle(PutBucketLifecycleConfigurationCommand request, CancellationToken cancellationToken)
    {
        var bucket = await store.RequireOwnedAsync(request.Bucket, request.Context.Caller, cancellationToken).ConfigureAwait(false);
        var rules = await request.Rules.ReadAsync(cancellationToken).ConfigureAwait(false);
        LifecycleConfiguration.Validate(rules);
        await store.SetBucketLifecycleAsync(bucket.Name, rules, cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }
}
