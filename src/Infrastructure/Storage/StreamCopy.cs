namespace BleepStore.Infrastructure.Storage;

internal static class StreamCopy
{
    /// <summary>128 KiB: the copy size of the SQLite backend's blob streams.</summary>
    public const int BufferSize = 128 * 1024;

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
