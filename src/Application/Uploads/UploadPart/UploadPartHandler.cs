using BleepStore.Application.Abstractions;
using BleepStore.Application.Access;
using BleepStore.Application.Buckets;
using BleepStore.Application.Objects;
using BleepStore.Application.Streams;
using BleepStore.Domain.Access;
using BleepStore.Domain.Checksums;
using MediatR;

namespace BleepStore.Application.Uploads.UploadPart;

internal sealed class UploadPartHandler(IMetadataStore store, IObjectStorage storage, IClock clock, S3Options options, BlobReaper reaper)
    : IRequestHandler<UploadPartCommand, UploadPartResult>
{
    public async Task<UploadPartResult> Handle(UploadPartCommand request, CancellationToken cancellationToken)
    {
        var bucket = await store.RequireAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        AccessPolicy.Demand(bucket.Acl, request.Context.Caller, Permission.Write);
        var upload = await store.RequireUploadAsync(request.UploadId, request.Bucket, request.Key, cancellationToken).ConfigureAwait(false);

        if (upload.Retention is not null || upload.LegalHold is not null)
        {
            ObjectLock.ObjectLockChecksums.Require(request.ChecksumHeaders, request.ContentMd5, "Put Part");
        }

        var hashing = new ObjectHashingStream(request.Body, HashingOptions(request, upload.ChecksumAlgorithm));
        var part = await PartCommit.WriteAsync(store, storage, clock, reaper, request.Bucket, upload.UploadId, request.PartNumber, hashing, cancellationToken)
            .ConfigureAwait(false);
        return new UploadPartResult(part.ETag, part.Checksums);
    }

    private ObjectHashingOptions HashingOptions(UploadPartCommand request, ChecksumAlgorithm? uploadAlgorithm)
    {
        var parsed = ObjectHashingOptions.FromRequest(request.ChecksumHeaders, request.ContentMd5, request.ContentLength, options.MaxObjectSize);
        return uploadAlgorithm is { } a ? PartCommit.AlsoCompute(parsed, a) : parsed;
    }
}
