using BleepStore.Application.Abstractions;
using BleepStore.Application.Streams;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Uploads;

namespace BleepStore.Application.Uploads;

/// <summary>
/// The listed parts as one forward-only stream: each part blob is opened when the previous one ends,
/// so Complete holds one part's read buffer at a time, never a part (or the object) in memory.
/// </summary>
internal sealed class PartConcatenationStream(IObjectStorage storage, string bucket, IReadOnlyList<PartRecord> parts) : ReadOnlyStream
{
    private int _next;
    private Stream? _current;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            if (_current is null)
            {
                if (_next == parts.Count)
                {
                    return 0;
                }

                _current = await OpenAsync(parts[_next++], cancellationToken).ConfigureAwait(false);
            }

            var n = await _current.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (n > 0)
            {
                return n;
            }

            await _current.DisposeAsync().ConfigureAwait(false);
            _current = null;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_current is not null)
        {
            await _current.DisposeAsync().ConfigureAwait(false);
            _current = null;
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _current?.Dispose();
            _current = null;
        }

        base.Dispose(disposing);
    }

    private async Task<Stream> OpenAsync(PartRecord part, CancellationToken ct)
    {
        try
        {
            return await storage.OpenReadAsync(bucket, part.BlobId, 0, part.Size, ct).ConfigureAwait(false);
        }
        catch (BlobNotFoundException)
        {
            // A concurrent UploadPart replaced (and reaped) this part after Complete validated it.
            throw new S3Exception(S3Errors.InternalError, $"The data of part {part.PartNumber} is missing from storage; retry the request.");
        }
    }
}
