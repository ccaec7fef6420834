namespace BleepStore.Infrastructure.Storage.Memory;

/// <summary>A read-only, seekable view of <c>[start, end)</c> of a <see cref="MemoryBlob"/>.</summary>
internal sealed class MemoryBlobStream : Stream
{
    private readonly MemoryBlob _blob;
    private readonly long _start;
    private readonly long _end;
    private long _position;

    public MemoryBlobStream(MemoryBlob blob, long start, long end)
    {
        _blob = blob;
        _start = start;
        _end = end;
        _position = start;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _end - _start;

    public override long Position
    {
        get => _position - _start;
        set => _position = _start + Math.Clamp(value, 0, _end - _start);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var copied = 0;
        while (copied < buffer.Length && _position < _end)
        {
            var i = _blob.ChunkAt(_position);
            var chunk = _blob.Chunks[i];
            var within = (int)(_position - _blob.Starts[i]);
            var n = (int)Math.Min(Math.Min(chunk.Length - within, buffer.Length - copied), _end - _position);
            chunk.AsSpan(within, n).CopyTo(buffer[copied..]);
            copied += n;
            _position += n;
        }

        return copied;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => Length + offset,
        };
        return Position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
