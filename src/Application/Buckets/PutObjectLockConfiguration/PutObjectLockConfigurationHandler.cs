using BleepStore.Application.Abstractions;
using BleepStore.Application.ObjectLock;
using BleepStore.Application.Objects;
using BleepStore.Application.Tagging;
using BleepStore.Domain.Errors;
using MediatR;

namespace BleepStore.Application.Buckets.PutObjectLockConfiguration;

/// <summary>
/// Enables object lock (for good) and sets or clears the default retention. As S3 does since 2023, a bucket created
/// without object lock gets it here when its versioning is Enabled; otherwise 409 InvalidBucketState. Content-MD5 or a
/// checksum is required. A key-named gateway (decision 0010) keeps no history: NotImplemented there.
/// </summary>
internal sealed class PutObjectLockConfigurationHandler(IMetadataStore store, KeyPublisher? keys = null) : IRequestHandler<PutObjectLockConfigurationCommand, Unit>
{
    public async Task<Unit> Handle(PutObjectLockConfigurationCommand request, CancellationToken cancellationToken)
    {
        var bucket = await TaggingAccess.RequireBucketOwnerAsync(store, request.Bucket, request.Context.Caller, cancellationToken).ConfigureAwait(false);
        if (keys is { Enabled: true })
        {
            throw new S3Exception(S3Errors.NotImplemented, "Object lock is not available on a gateway that names upstream objects by key (storage.*.key_names).");
        }

        ObjectLockChecksums.RequireForDocument(request.Configuration.IntegrityHeaders);
        var configuration = await request.Configuration.ReadAsync(cancellationToken).ConfigureAwait(false);
        switch (await store.SetBucketObjectLockAsync(bucket.Name, configuration, cancellationToken).ConfigureAwait(false))
        {
            case BucketObjectLockOutcome.NoSuchBucket:
                throw S3Exception.NoSuchBucket(bucket.Name);
            case BucketObjectLockOutcome.VersioningNotEnabled:
                throw new S3Exception(S3Errors.InvalidBucketState, "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration");
        }

        return Unit.Value;
    }
}
