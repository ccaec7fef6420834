using System.Buffers;
using Amazon.S3.Model;

namespace BleepStore.Infrastructure.Storage.Aws;

/// <summary>
/// Streams a body of unknown length upstream with bounded memory: a body that fits one part is one
/// PutObject; a longer one is an upstream multipart upload of <see cref="AwsGatewayOptions.PartSize"/>
/// parts, the next part read from the client while the previous one is uploaded (two pooled buffers).
/// A failure aborts the upstream upload, so no upstream object appears; the source's own exception
/// propagates unchanged.
/// </summary>
internal sealed class AwsBlobWriter(AwsUpstream upstream)
{
    // Part buffers come from this writer's own bounded pool, not ArrayPool<byte>.Shared: the shared pool keeps an array
    // of each size in every thread's local slot, so part buffers returned on many thread-pool threads all stayed
    // alive (a 1 GiB multipart upload of 8 MiB parts took a fresh gateway from 100 to 183 MiB RSS). This one keeps at
    // most MaxIdleBuffers between writes; writes in flight hold two each, as before.
    private const int MaxIdleBuffers = 4;

    private readonly ArrayPool<byte> _buffers = ArrayPool<byte>.Create(upstream.Options.PartSize, MaxIdleBuffers);

    /// <summary>
    /// The first bytes of every body are read into a small buffer of the shared pool: a body that ends within it (most
    /// objects) never takes a part buffer. Renting an 8 MiB part buffer for a 4 KiB body made each small PUT beyond
    /// the idle buffers a fresh large-object-heap allocation (session 9: +75 % gateway CPU per 4 KiB PUT at c16, and
    /// 670 MiB peak RSS).
    /// </summary>
    internal const int HeadSize = 256 * 1024;

    /// <summary>The number of bytes written and the upstream object's ETag.</summary>
    public async Task<(long Size, string ETag)> WriteAsync(string key, Stream data, CancellationToken ct)
    {
        var partSize = upstream.Options.PartSize;
        var headSize = Math.Min(HeadSize, partSize);
        byte[]? head = ArrayPool<byte>.Shared.Rent(headSize);
        byte[]? current = null;
        byte[]? next = null;
        string? uploadId = null;
        try
        {
            var filled = await StreamCopy.FillAsync(data, head.AsMemory(0, headSize), ct).ConfigureAwait(false);
            if (filled < headSize)
            {
                return (filled, await upstream.PutAsync(key, head, filled, ct).ConfigureAwait(false));
            }

            current = _buffers.Rent(partSize);
            head.AsSpan(0, filled).CopyTo(current);
            ArrayPool<byte>.Shared.Return(head);
            head = null;
            filled += await StreamCopy.FillAsync(data, current.AsMemory(filled, partSize - filled), ct).ConfigureAwait(false);
            if (filled < partSize)
            {
                return (filled, await upstream.PutAsync(key, current, filled, ct).ConfigureAwait(false));
            }

            next = _buffers.Rent(partSize);
            uploadId = await upstream.InitiateAsync(key, ct).ConfigureAwait(false);
            var parts = new List<PartETag>();
            long total = 0;
            while (filled > 0)
            {
                var number = parts.Count + 1;
                var upload = upstream.UploadPartAsync(key, uploadId, number, current, filled, ct);
                total += filled;

                // Read the next part from the client while this one travels upstream. An exception here
                // is the source's own: let the upload finish (or fail) first, then rethrow it unchanged.
                int nextFilled;
                try
                {
                    nextFilled = filled < partSize ? 0 : await StreamCopy.FillAsync(data, next.AsMemory(0, partSize), ct).ConfigureAwait(false);
                }
                catch
                {
                    await upload.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
                    throw;
                }

                parts.Add(new PartETag(number, await upload.ConfigureAwait(false)));
                (current, next) = (next, current);
                filled = nextFilled;
            }

            var etag = await upstream.CompleteAsync(key, uploadId, parts, ct).ConfigureAwait(false);
            uploadId = null;
            return (total, etag);
        }
        finally
        {
            if (uploadId is not null)
            {
                await upstream.AbortQuietlyAsync(key, uploadId).ConfigureAwait(false);
            }

            if (head is not null)
            {
                ArrayPool<byte>.Shared.Return(head);
            }

            if (current is not null)
            {
                _buffers.Return(current);
            }

            if (next is not null)
            {
                _buffers.Return(next);
            }
        }
    }
}
