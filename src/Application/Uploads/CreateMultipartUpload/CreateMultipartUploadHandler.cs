using BleepStore.Application.Abstractions;
using BleepStore.Application.Access;
using BleepStore.Application.Buckets;
using BleepStore.Application.Objects;
using BleepStore.Application.Tagging;
using BleepStore.Domain.Access;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Uploads;
using MediatR;

namespace BleepStore.Application.Uploads.CreateMultipartUpload;

internal sealed class CreateMultipartUploadHandler(IMetadataStore store, IClock clock)
    : IRequestHandler<CreateMultipartUploadCommand, CreateMultipartUploadResult>
{
    public async Task<CreateMultipartUploadResult> Handle(CreateMultipartUploadCommand request, CancellationToken cancellationToken)
    {
        var caller = request.Context.Caller;
        var bucket = await store.RequireAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        ObjectKey.EnsureValid(request.Key);
        AccessPolicy.Demand(bucket.Acl, caller, Permission.Write);

        var owner = caller ?? bucket.Owner;
        var acl = await OwnershipRules.NewObjectAclAsync(request.Acl, caller, bucket, store, cancellationToken).ConfigureAwait(false);
        var storageClass = StorageClasses.Validate(request.StorageClass);
        UserMetadataRules.EnsureWithinLimit(request.UserMetadata);
        var tags = TaggingHeader.Parse(request.Tagging);
        var (algorithm, type) = MultipartChecksums.Resolve(request.ChecksumAlgorithm, request.ChecksumType);

        // The lock is fixed here (headers, else the bucket's default retention from now) and applied at Complete.
        var (retention, legalHold) = request.ObjectLock.Resolve(bucket, clock.UtcNow);

        var upload = new MultipartUpload
        {
            UploadId = UploadIds.New(),
            Bucket = request.Bucket,
            Key = request.Key,
            Content = request.Content,
            StorageClass = storageClass,
            Acl = acl,
            UserMetadata = request.UserMetadata,
            Initiator = owner,
            Initiated = clock.UtcNow,
            ChecksumAlgorithm = algorithm,
            ChecksumType = type,
            Tags = tags,
            Retention = retention,
            LegalHold = legalHold,
        };
        await store.CreateUploadAsync(upload, cancellationToken).ConfigureAwait(false);
        return new CreateMultipartUploadResult(upload.Bucket, upload.Key, upload.UploadId, algorithm, type);
    }
}
