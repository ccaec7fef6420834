using BleepStore.Application.Abstractions;
using BleepStore.Application.Access;
using BleepStore.Application.Buckets;
using BleepStore.Application.Objects;
using BleepStore.Application.Streams;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Uploads;
using MediatR;

namespace BleepStore.Application.Uploads.UploadPartCopy;

internal sealed class UploadPartCopyHandler(IMetadataStore store, IObjectStorage storage, IClock clock, S3Options options, BlobReaper reaper)
    : IRequestHandler<UploadPartCopyCommand, UploadPartCopyResult>
{
    private const int MaxAttempts = 3;

    public async Task<UploadPartCopyResult> Handle(UploadPartCopyCommand request, CancellationToken cancellationToken)
    {
        var caller = request.Context.Caller;
        var bucket = await store.RequireAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        AccessPolicy.Demand(bucket.Acl, caller, Permission.Write);
        var upload = await store.RequireUploadAsync(request.UploadId, request.Bucket, request.Key, cancellationToken).ConfigureAwait(false);

        var source = CopySource.Parse(request.CopySource);
        Stream? body = null;
        long length = 0;
        for (var attempt = 1; body is null; attempt++)
        {
            // A source row read just before an overwrite (or a key-named publication) of the source finds its bytes
            // released or moved: read the row again and copy the version that is current now, as CopyObject does.
            var (src, _) = await source.ReadAsync(store, caller, cancellationToken).ConfigureAwait(false);
            if (!CopyConditions.Evaluate(request.SourceConditions, src))
            {
                throw new S3Exception(S3Errors.PreconditionFailed);
            }

            var range = CopySourceRange.Parse(request.CopySourceRange, src.Size);
            var offset = range?.First ?? 0;
            length = range?.Length ?? src.Size;
            if (length > options.MaxObjectSize)
            {
                throw new S3Exception(S3Errors.EntityTooLarge, $"The specified copy source is larger than the maximum allowable size for a copy source: {options.MaxObjectSize}");
            }

            body = await ObjectBytes.TryOpenReadAsync(storage, src, offset, length, cancellationToken).ConfigureAwait(false);
            if (body is null && attempt == MaxAttempts)
            {
                throw ObjectBytes.MissingBytes();
            }
        }

        var hashingOptions = new ObjectHashingOptions { ExpectedLength = length };
        var hashing = new ObjectHashingStream(body, upload.ChecksumAlgorithm is { } a ? PartCommit.AlsoCompute(hashingOptions, a) : hashingOptions);
        PartRecord part;
        await using (hashing.ConfigureAwait(false))
        {
            part = await PartCommit.WriteAsync(store, storage, clock, reaper, request.Bucket, upload.UploadId, request.PartNumber, hashing, cancellationToken)
                .ConfigureAwait(false);
        }

        return new UploadPartCopyResult(part.ETag, part.LastModified, part.Checksums);
    }
}
