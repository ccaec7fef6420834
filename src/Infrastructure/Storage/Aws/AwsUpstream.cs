using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using BleepStore.Application.Streams;
using DomainChecksum = BleepStore.Domain.Checksums.ChecksumAlgorithm;
using Microsoft.Extensions.Logging;

namespace BleepStore.Infrastructure.Storage.Aws;

/// <summary>
/// The upstream calls the gateway makes, each with the same settings (checksums) and the same error mapping
/// (<see cref="UpstreamErrors"/>). Missing objects are reported as null or false, never as exceptions, so callers
/// decide what "missing" means.
/// </summary>
/// <remarks>
/// Bodies go upstream from a buffer that already holds them, so they are sent plain (a signed payload hash),
/// never aws-chunked: the SDK's chunk encoding exists to stream a body whose hash is not known up front, and
/// costs a signature per 64 KiB chunk on both sides plus about 180 KB of buffers per call (measured, session 9).
/// The CRC32 that the SDK would compute in its managed implementation (about 220 MB/s here, the largest
/// share of the gateway's CPU per 64 MiB PUT) is computed with the server's own CRC32 and handed to the SDK as a
/// precalculated checksum, which the SDK sends as <c>x-amz-checksum-crc32</c> instead of computing it.
/// </remarks>
internal sealed partial class AwsUpstream(IAmazonS3 client, AwsGatewayOptions options, ILogger logger)
{
    public AwsGatewayOptions Options => options;

    public IAmazonS3 Client => client;

    public ILogger Logger => logger;

    /// <summary>The new object's ETag.</summary>
    public Task<string> PutAsync(string key, byte[] buffer, int count, CancellationToken ct) => Call("PutObject", ct, async () =>
    {
        using var body = new MemoryStream(buffer, 0, count, writable: false);
        var response = await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = options.Bucket,
            Key = key,
            InputStream = body,
            AutoCloseStream = false,
            UseChunkEncoding = false,
            ChecksumCRC32 = Crc32Of(buffer, count),
        }, ct).ConfigureAwait(false);
        return response.ETag;
    });

    public Task<string> InitiateAsync(string key, CancellationToken ct) => Call("CreateMultipartUpload", ct, async () =>
        (await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = options.Bucket, Key = key }, ct).ConfigureAwait(false)).UploadId);

    public Task<string> UploadPartAsync(string key, string uploadId, int number, byte[] buffer, int count, CancellationToken ct) => Call("UploadPart", ct, async () =>
    {
        using var body = new MemoryStream(buffer, 0, count, writable: false);
        var response = await client.UploadPartAsync(new UploadPartRequest
        {
            BucketName = options.Bucket,
            Key = key,
            UploadId = uploadId,
            PartNumber = number,
            InputStream = body,
            UseChunkEncoding = false,
            ChecksumCRC32 = Crc32Of(buffer, count),
        }, ct).ConfigureAwait(false);
        return response.ETag;
    });

    /// <summary>
    /// The new part's ETag, or null when the source is missing (or no longer has ETag <paramref name="sourceETag"/>).
    /// A null range copies the whole source.
    /// </summary>
    public Task<string?> UploadPartCopyAsync(string key, string uploadId, int number, string sourceKey, (long First, long Last)? range, CancellationToken ct, string? sourceETag = null) =>
        Call("UploadPartCopy", ct, async () =>
        {
            var request = new CopyPartRequest
            {
                SourceBucket = options.Bucket,
                SourceKey = sourceKey,
                DestinationBucket = options.Bucket,
                DestinationKey = key,
                UploadId = uploadId,
                PartNumber = number,
            };
            if (sourceETag is not null)
            {
                request.ETagToMatch = [sourceETag];
            }

            if (range is { } r)
            {
                request.FirstByte = r.First;
                request.LastByte = r.Last;
            }

            try
            {
                return (await client.CopyPartAsync(request, ct).ConfigureAwait(false)).ETag;
            }
            catch (AmazonS3Exception e) when (UpstreamErrors.IsNotFound(e) || (sourceETag is not null && IsPreconditionFailed(e)))
            {
                return null;
            }
        });

    /// <summary>The assembled object's ETag.</summary>
    public Task<string> CompleteAsync(string key, string uploadId, List<PartETag> parts, CancellationToken ct) => Call("CompleteMultipartUpload", ct, async () =>
    {
        var response = await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = options.Bucket,
            Key = key,
            UploadId = uploadId,
            PartETags = parts,
        }, ct).ConfigureAwait(false);
        return response.ETag;
    });

    /// <summary>Best effort: an upload left behind costs upstream storage until reaped, never correctness.</summary>
    public async Task AbortQuietlyAsync(string key, string uploadId)
    {
        try
        {
            await client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = options.Bucket, Key = key, UploadId = uploadId }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException)
        {
            LogAbortFailed(logger, key, uploadId, e.Message);
        }
    }

    /// <summary>Server-side copy: the copy's ETag, or null when the source is missing (or no longer has ETag <paramref name="sourceETag"/>).</summary>
    public Task<string?> CopyAsync(string sourceKey, string key, CancellationToken ct, string? sourceETag = null) => Call("CopyObject", ct, async () =>
    {
        try
        {
            var response = await client.CopyObjectAsync(new CopyObjectRequest
            {
                SourceBucket = options.Bucket,
                SourceKey = sourceKey,
                DestinationBucket = options.Bucket,
                DestinationKey = key,
                ETagToMatch = sourceETag,
            }, ct).ConfigureAwait(false);
            return response.ETag;
        }
        catch (AmazonS3Exception e) when (UpstreamErrors.IsNotFound(e) || (sourceETag is not null && IsPreconditionFailed(e)))
        {
            return null;
        }
    });

    /// <summary>Size of an upstream object, or null when it does not exist (or does not have ETag <paramref name="ifMatch"/>).</summary>
    public Task<long?> SizeAsync(string key, CancellationToken ct, string? ifMatch = null) => Call<long?>("HeadObject", ct, async () =>
    {
        try
        {
            var head = await client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = options.Bucket, Key = key, EtagToMatch = ifMatch }, ct).ConfigureAwait(false);
            return head.ContentLength;
        }
        catch (AmazonS3Exception e) when (UpstreamErrors.IsNotFound(e) || (ifMatch is not null && IsPreconditionFailed(e)))
        {
            return null;
        }
    });

    /// <summary>The response (its stream still open), or null when the object does not exist (or does not have ETag <paramref name="ifMatch"/>).</summary>
    public Task<GetObjectResponse?> GetAsync(string key, ByteRange? range, CancellationToken ct, string? ifMatch = null) => Call("GetObject", ct, async () =>
    {
        try
        {
            return await client.GetObjectAsync(new GetObjectRequest { BucketName = options.Bucket, Key = key, ByteRange = range, EtagToMatch = ifMatch }, ct).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (UpstreamErrors.IsNotFound(e) || (ifMatch is not null && IsPreconditionFailed(e)))
        {
            return null;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.RequestedRangeNotSatisfiable || e.ErrorCode == "InvalidRange")
        {
            throw new RangeNotSatisfiableException();
        }
    });

    public Task DeleteAsync(string key, CancellationToken ct) => Call("DeleteObject", ct, async () =>
    {
        try
        {
            await client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = options.Bucket, Key = key }, ct).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (UpstreamErrors.IsNotFound(e))
        {
            // Already gone: deletes are idempotent.
        }

        return 0;
    });

    public Task<ListObjectsV2Response> ListAsync(string prefix, string? continuation, int maxKeys, CancellationToken ct) => Call("ListObjectsV2", ct, () =>
        client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = options.Bucket, Prefix = prefix, ContinuationToken = continuation, MaxKeys = maxKeys }, ct));

    public async Task<T> Call<T>(string operation, CancellationToken ct, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (UpstreamErrors.Map(e, logger, operation, ct) is { } mapped)
        {
            throw mapped;
        }
    }

    /// <summary>The body's CRC32 (base64) where the SDK would send one (<c>request_checksum_calculation: when_supported</c>), else null.</summary>
    private string? Crc32Of(byte[] buffer, int count) =>
        client.Config.RequestChecksumCalculation == RequestChecksumCalculation.WHEN_SUPPORTED ? ChecksumHasher.ComputeBase64(DomainChecksum.Crc32, buffer.AsSpan(0, count)) : null;

    private static bool IsPreconditionFailed(AmazonS3Exception e) =>
        e.StatusCode == System.Net.HttpStatusCode.PreconditionFailed || e.ErrorCode == "PreconditionFailed";

    /// <summary>The range starts at or past the end of the upstream object.</summary>
    internal sealed class RangeNotSatisfiableException : Exception;

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "Could not abort upstream multipart upload {uploadId} of {key}: {message}")]
    private static partial void LogAbortFailed(ILogger logger, string key, string uploadId, string message);
}
