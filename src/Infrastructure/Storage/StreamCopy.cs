using System.Buffers;

namespace BleepStore.Infrastructure.Storage;

internal static class StreamCopy
{
    /// <summary>128 KiB: few, large sequential writes; the array comes from the shared pool, so no per-request allocation.</summary>
    public const int BufferSize = 128 * 1024;

    /// <summary>
    /// Copies until <paramref name="source"/> returns 0, filling the pooled buffer before each write so
    /// small network reads become large disk writes. Exceptions from the source propagate unchanged.
    /// </summary>
    public static async Task<long> CopyAsync(Stream source, Stream destination, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long total = 0;
            while (true)
            {
                var filled = await FillAsync(source, buffer.AsMemory(0, BufferSize), ct).ConfigureAwait(false);
                if (filled > 0)
                {
                    await destination.WriteAsync(buffer.AsMemory(0, filled), ct).ConfigureAwait(false);
                    total += filled;
                }

                if (filled < BufferSize)
                {
                    return total;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read.</summary>
    public static async ValueTask<int> FillAsync(Stream source, Memory<byte> buffer, CancellationToken ct)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var n = await source.ReadAsync(buffer[filled..], ct).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            filled += n;
        }

        return filled;
    }
}
