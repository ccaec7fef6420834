using BleepStore.Application.Abstractions;
using BleepStore.Application.Access;
using BleepStore.Application.Buckets;
using BleepStore.Application.Streams;
using BleepStore.Application.Tagging;
using BleepStore.Domain.Access;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using MediatR;

namespace BleepStore.Application.Objects.CopyObject;

internal sealed class CopyObjectHandler(IMetadataStore store, IObjectStorage storage, IClock clock, S3Options options, BlobReaper reaper, KeyPublisher? keys = null)
    : IRequestHandler<CopyObjectCommand, CopyObjectResult>
{
    private const long MaxCopySize = 5L * 1024 * 1024 * 1024;
    private const int MaxAttempts = 3;

    /// <summary>
    /// A source row read just before an overwrite (or, on a key-named gateway, a publication) of the source key
    /// finds its bytes released or moved: the copy then starts again from the source's row as it is now, as a copy
    /// that started after that write would (S3 copies whichever version was current), re-checking the copy
    /// conditions against it. Only bytes still missing after that are an InternalError.
    /// </summary>
    public async Task<CopyObjectResult> Handle(CopyObjectCommand request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await CopyOnceAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (BlobNotFoundException) when (attempt < MaxAttempts)
            {
            }
            catch (BlobNotFoundException)
            {
                throw new S3Exception(S3Errors.InternalError, "The source object's data is missing from storage.");
            }
        }
    }

    private async Task<CopyObjectResult> CopyOnceAsync(CopyObjectCommand request, CancellationToken cancellationToken)
    {
        var caller = request.Context.Caller;
        var source = CopySource.Parse(request.CopySource);
        var replace = request.MetadataDirective == CopyObjectValidator.Replace; // COPY or absent otherwise (validator)

        var replaceTags = request.TaggingDirective == CopyObjectValidator.Replace;

        var (src, sourceVersioned) = await source.ReadAsync(store, caller, cancellationToken).ConfigureAwait(false);
        if (CopyConditions.Evaluate(request.SourceConditions, src) is false)
        {
            throw new S3Exception(S3Errors.PreconditionFailed);
        }

        var bucket = await store.RequireAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        ObjectKey.EnsureValid(request.Key);
        AccessPolicy.Demand(bucket.Acl, caller, Permission.Write);
        var (retention, legalHold) = request.ObjectLock.Resolve(bucket, clock.UtcNow);

        var storageClass = StorageClasses.Validate(request.StorageClass ?? (replace ? null : src.StorageClass));
        if (source.Bucket == request.Bucket && source.Key == request.Key && source.VersionId is null && !replace && request.StorageClass is null && request.Acl.IsEmpty)
        {
            throw new S3Exception(S3Errors.InvalidRequest,
                "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
        }

        if (src.Size > MaxCopySize)
        {
            throw new S3Exception(S3Errors.EntityTooLarge, "The specified copy source is larger than the maximum allowable size for a copy source: 5368709120");
        }

        if (replace)
        {
            UserMetadataRules.EnsureWithinLimit(request.UserMetadata);
        }

        var tags = replaceTags ? TaggingHeader.Parse(request.Tagging) : src.Tags;
        var condition = WriteConditions.From(request.IfNoneMatch, request.IfMatch);
        var acl = await OwnershipRules.NewObjectAclAsync(request.Acl, caller, bucket, store, cancellationToken).ConfigureAwait(false);

        ObjectRecord Record(StoredBytes bytes, string etag, IReadOnlyList<ChecksumValue> checksums) => new()
        {
            Bucket = request.Bucket,
            Key = request.Key,
            Size = bytes.Size,
            ETag = etag,
            Content = replace ? request.Content : src.Content,
            UserMetadata = replace ? request.UserMetadata : src.UserMetadata,
            StorageClass = storageClass,
            Acl = acl,
            LastModified = clock.UtcNow,
            BlobId = bytes.BlobId,
            InlineData = bytes.Inline,
            Checksums = checksums,
            Tags = tags,
            Retention = retention,
            LegalHold = legalHold,
        };

        CopyObjectResult Result(ObjectRecord record, ObjectWrite write) =>
            new(record.ETag, record.LastModified, write.VersionId, sourceVersioned ? VersionIds.ToWire(src.VersionId) : null);

        var serverSide = ServerSideCopy.Applies(src, options.InlineThreshold);
        if (serverSide && keys is { Enabled: true })
        {
            // A key-named gateway copies straight under the key's upstream name when no row names it (decision 0010);
            // the key publisher holds the key's claim around the copy and this commit. A missing source throws
            // BlobNotFoundException, and the copy starts again from the source's row.
            var inPlace = await keys.CopyInPlaceAsync(src.Bucket, src.BlobId, request.Bucket, request.Key, async copied =>
            {
                if (copied.Size != src.Size)
                {
                    // The row would claim the source's ETag for other bytes: never commit that (the key publisher
                    // then brings the key's name back in line with the row).
                    throw new S3Exception(S3Errors.InternalError, "The copied data does not match the source object's size.");
                }

                var record = Record(new StoredBytes(copied.BlobId, null, copied.Size), src.ETag, src.Checksums);

                var write = await store.CommitInPlaceAsync(reaper, storage, record, condition, cancellationToken).ConfigureAwait(false);
                return Result(record, write) with { KeyInLine = true };
            }, cancellationToken).ConfigureAwait(false);
            if (inPlace is not null)
            {
                return inPlace;
            }
        }

        var (bytes, etag, checksums) = serverSide
            ? await ServerSideCopy.CopyAsync(storage, reaper, src, request.Bucket, cancellationToken).ConfigureAwait(false)
            : await CopyThroughAsync(src, request.Bucket, cancellationToken).ConfigureAwait(false);

        var staged = Record(bytes, etag, checksums);
        var committed = await store.CommitAsync(storage, reaper, staged, bytes, condition, cancellationToken).ConfigureAwait(false);
        return Result(staged, committed);
    }

    /// <summary>
    /// Streams the bytes through one hashing pass: the copy's ETag is the MD5 of its bytes, even for
    /// multipart sources, and small copies become inline rows.
    /// </summary>
    private async Task<(StoredBytes Bytes, string ETag, IReadOnlyList<ChecksumValue> Checksums)> CopyThroughAsync(ObjectRecord src, string bucket, CancellationToken ct)
    {
        var body = await ObjectBytes.TryOpenReadAsync(storage, src, 0, null, ct).ConfigureAwait(false) ?? throw new BlobNotFoundException(src.BlobId);
        await using (body.ConfigureAwait(false))
        {
            var hashing = new ObjectHashingStream(body, new ObjectHashingOptions
            {
                ExpectedLength = src.Size,
                ComputeAlgorithms = src.Checksums.Select(c => c.Algorithm).ToArray(),
            });
            var bytes = await ObjectBytes.WriteAsync(storage, bucket, hashing, src.Size, options.InlineThreshold, ct).ConfigureAwait(false);
            return (bytes, hashing.ETag, hashing.Checksums);
        }
    }
}
