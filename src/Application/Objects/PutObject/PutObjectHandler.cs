using BleepStore.Application.Abstractions;
using BleepStore.Application.Access;
using BleepStore.Application.Buckets;
using BleepStore.Application.Streams;
using BleepStore.Application.Tagging;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using MediatR;

namespace BleepStore.Application.Objects.PutObject;

internal sealed class PutObjectHandler(IMetadataStore store, IObjectStorage storage, IClock clock, S3Options options, BlobReaper reaper, Lifecycle.LifecycleOptions? lifecycle = null, KeyPublisher? keys = null)
    : IRequestHandler<PutObjectCommand, PutObjectResult>
{
    public async Task<PutObjectResult> Handle(PutObjectCommand request, CancellationToken cancellationToken)
    {
        var caller = request.Context.Caller;
        var bucket = await store.RequireAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        ObjectKey.EnsureValid(request.Key);
        AccessPolicy.Demand(bucket.Acl, caller, Permission.Write);

        var condition = WriteConditions.From(request.IfNoneMatch, request.IfMatch);
        if (condition.IfNoneMatchAny && await store.GetObjectAsync(request.Bucket, request.Key, cancellationToken).ConfigureAwait(false) is not null)
        {
            // Fail before reading a byte; the store checks again atomically at commit.
            throw new S3Exception(S3Errors.PreconditionFailed, details: [new("Condition", "If-None-Match")]);
        }

        var acl = await OwnershipRules.NewObjectAclAsync(request.Acl, caller, bucket, store, cancellationToken).ConfigureAwait(false);
        var storageClass = StorageClasses.Validate(request.StorageClass);
        UserMetadataRules.EnsureWithinLimit(request.UserMetadata);
        var tags = TaggingHeader.Parse(request.Tagging);
        var (retention, legalHold) = request.ObjectLock.Resolve(bucket, clock.UtcNow);
        if (request.ObjectLock.NeedsChecksum(bucket))
        {
            ObjectLock.ObjectLockChecksums.Require(request.ChecksumHeaders, request.ContentMd5, "Put Object");
        }

        var hashing = new ObjectHashingStream(request.Body, ObjectHashingOptions.FromRequest(request.ChecksumHeaders, request.ContentMd5, request.ContentLength, options.MaxObjectSize));
        ObjectRecord Record(StoredBytes bytes) => new()
        {
            Bucket = request.Bucket,
            Key = request.Key,
            Size = bytes.Size,
            ETag = hashing.ETag,
            Content = request.Content,
            StorageClass = storageClass,
            Acl = acl,
            UserMetadata = request.UserMetadata,
            LastModified = clock.UtcNow,
            BlobId = bytes.BlobId,
            InlineData = bytes.Inline,
            Checksums = hashing.Checksums,
            Tags = tags,
            Retention = retention,
            LegalHold = legalHold,
        };

        PutObjectResult Result(ObjectRecord record, ObjectWrite write) => new(record.ETag, record.Checksums, write.VersionId)
        {
            Expiration = bucket.Lifecycle is null ? null : Lifecycle.ExpirationHeader.For(bucket, record, lifecycle?.DayLength ?? Domain.Lifecycle.LifecycleConfiguration.StandardDay),
        };

        if (keys is { Enabled: true })
        {
            // A key-named gateway streams the body straight under the key's upstream name when no row names it
            // (decision 0010); the key publisher holds the key's claim around the write and this commit.
            var inPlace = await keys.WriteInPlaceAsync(request.Bucket, request.Key, hashing, async written =>
            {
                var record = Record(new StoredBytes(written.BlobId, null, written.Size));

                var write = await store.CommitInPlaceAsync(reaper, storage, record, condition, cancellationToken).ConfigureAwait(false);
                return Result(record, write) with { KeyInLine = true };
            }, cancellationToken).ConfigureAwait(false);
            if (inPlace is not null)
            {
                return inPlace;
            }
        }

        var bytes = await ObjectBytes.WriteAsync(storage, request.Bucket, hashing, request.ContentLength, options.InlineThreshold, cancellationToken).ConfigureAwait(false);
        var staged = Record(bytes);
        var committed = await store.CommitAsync(storage, reaper, staged, bytes, condition, cancellationToken).ConfigureAwait(false);
        return Result(staged, committed);
    }
}
