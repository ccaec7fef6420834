using BleepStore.Application.Abstractions;
using BleepStore.Application.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Errors;
using MediatR;

namespace BleepStore.Application.Buckets.CreateBucket;

internal sealed class CreateBucketHandler(IMetadataStore store, IObjectStorage storage, IClock clock, S3Options options, Objects.KeyPublisher? keys = null)
    : IRequestHandler<CreateBucketCommand, CreateBucketResult>
{
    public async Task<CreateBucketResult> Handle(CreateBucketCommand request, CancellationToken cancellationToken)
    {
        var caller = request.Context.Caller ?? throw new S3Exception(S3Errors.AccessDenied);
        var acl = await AclResolver.ResolveAsync(request.Acl ?? AclRequest.None, caller, null, store, cancellationToken).ConfigureAwait(false);
        if (request.ObjectOwnership == ObjectOwnership.BucketOwnerEnforced
            && !PutBucketOwnershipControls.PutBucketOwnershipControlsHandler.OwnerOnly(acl, caller))
        {
            throw new S3Exception(S3Errors.InvalidBucketAclWithObjectOwnership);
        }

        if (request.ObjectLockEnabled && keys is { Enabled: true })
        {
            throw new S3Exception(S3Errors.NotImplemented, "Object lock is not available on a gateway that names upstream objects by key (storage.*.key_names).");
        }

        var locationConstraint = request.Configuration is null ? null : await request.Configuration.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(locationConstraint) && !BucketRegions.IsKnown(locationConstraint, options.Region))
        {
            throw new S3Exception(S3Errors.InvalidLocationConstraint, details: [new("LocationConstraint", locationConstraint)]);
        }

        var region = string.IsNullOrEmpty(locationConstraint) ? options.Region : locationConstraint;
        var bucket = new Bucket(request.Bucket, region, caller, acl, clock.UtcNow) 
        {
            ObjectOwnership = request.ObjectOwnership,
            Versioning = request.ObjectLockEnabled ? Domain.Objects.VersionIds.Enabled : null,
            ObjectLock = request.ObjectLockEnabled ? ObjectLockConfiguration.EnabledWithoutRule : null,
        };
        var location = "/" + request.Bucket;

        // Namespace first, row second: a crash in between leaves an empty directory, never a row without one.
        await storage.CreateBucketAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        if (await store.TryCreateBucketAsync(bucket, cancellationToken).ConfigureAwait(false))
        {
            return new CreateBucketResult(location, true);
        }

        var existing = await store.GetBucketAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        if (existing is null || existing.Owner.Id != caller.Id)
        {
            throw new S3Exception(S3Errors.BucketAlreadyExists, details: [new("BucketName", request.Bucket)]);
        }

        // us-east-1 answers 200 to re-creating your own bucket; other regions 409 (spec 10).
        if (options.Region != "us-east-1")
        {
            throw new S3Exception(S3Errors.BucketAlreadyOwnedByYou, details: [new("BucketName", request.Bucket)]);
        }

        return new CreateBucketResult(location, false);
    }
}
