namespace BleepStore.Infrastructure.Storage.Local;

/// <summary>
/// Several streams read as one, each opened when the previous one ends and disposed then, so a
/// concatenation of thousands of parts holds one file open at a time.
/// </summary>
internal sealed class ConcatenatedStream(IEnumerable<Func<Stream>> sources) : Stream
{
    private readonly IEnumerator<Func<Stream>> _sources = sources.GetEnumerator();
    private Stream? _current;
    private bool _ended;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (!buffer.IsEmpty && Current() is { } stream)
        {
            var n = stream.Read(buffer);
            if (n > 0)
            {
                return n;
            }

            Advance();
        }

        return 0;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty && Current() is { } stream)
        {
            var n = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (n > 0)
            {
                return n;
            }

            Advance();
        }

        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _current?.Dispose();
            _current = null;
            _sources.Dispose();
        }

        base.Dispose(disposing);
    }

    private Stream? Current()
    {
        if (_current is null && !_ended)
        {
            if (_sources.MoveNext())
            {
                _current = _sources.Current();
            }
            else
            {
                _ended = true;
            }
        }

        return _current;
    }

    private void Advance()
    {
        _current!.Dispose();
        _current = null;
    }
}
