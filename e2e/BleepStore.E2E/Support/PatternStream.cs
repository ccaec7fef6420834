using System.Buffers.Binary;

namespace BleepStore.E2E.Support;

/// <summary>
/// A seekable, read-only stream of deterministic pseudo-random bytes: byte i depends only on (seed, i), so a
/// 100 MiB body can be sent and its digest recomputed without ever holding it in memory.
/// </summary>
internal sealed class PatternStream(long length, ulong seed = 1) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = value is >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, Math.Max(0, length - _position));
        Span<byte> word = stackalloc byte[8];
        for (var i = 0; i < count; i++)
        {
            var position = _position + i;
            if (i == 0 || (position & 7) == 0)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(word, Mix(seed + (ulong)(position >> 3)));
            }

            buffer[i] = word[(int)(position & 7)];
        }

        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    // SplitMix64: cheap, well-distributed, and stateless per 8-byte word.
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
