using BleepStore.Application.Abstractions;
using BleepStore.Application.Objects;
using BleepStore.Application.Tagging;
using BleepStore.Domain.Errors;
using MediatR;

namespace BleepStore.Application.Buckets.PutBucketVersioning;

/// <summary>
/// Sets Enabled or Suspended. MFA delete cannot be turned on (S3's AccessDenied without <c>x-amz-mfa</c>; with one,
/// NotImplemented, since this store has no MFA devices). A key-named gateway (decision 0010) publishes one upstream
/// object per key and cannot keep history: NotImplemented there (decision 0014).
/// </summary>
internal sealed class PutBucketVersioningHandler(IMetadataStore store, KeyPublisher? keys = null) : IRequestHandler<PutBucketVersioningCommand, Unit>
{
    public async Task<Unit> Handle(PutBucketVersioningCommand request, CancellationToken cancellationToken)
    {
        var bucket = await TaggingAccess.RequireBucketOwnerAsync(store, request.Bucket, request.Context.Caller, cancellationToken).ConfigureAwait(false);
        var configuration = await request.Configuration.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (configuration.MfaDelete == "Enabled")
        {
            if (request.Mfa is null)
            {
                throw new S3Exception(S3Errors.AccessDenied, "Mfa Authentication must be used for this request");
            }

            throw new S3Exception(S3Errors.NotImplemented, "MFA delete is not supported.");
        }

        if (keys is { Enabled: true })
        {
            throw new S3Exception(S3Errors.NotImplemented, "Versioning is not available on a gateway that names upstream objects by key (storage.*.key_names).");
        }

        // An object lock bucket's versioning cannot be suspended; the store judges it again when it commits.
        if (bucket.ObjectLock is not null && configuration.Status != Domain.Objects.VersionIds.Enabled
            || !await store.SetBucketVersioningAsync(bucket.Name, configuration.Status, cancellationToken).ConfigureAwait(false))
        {
            if (await store.GetBucketAsync(bucket.Name, cancellationToken).ConfigureAwait(false) is null)
            {
                throw S3Exception.NoSuchBucket(bucket.Name);
            }

            throw new S3Exception(S3Errors.InvalidBucketState, "An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.");
        }
        return Unit.Value;
    }
}
