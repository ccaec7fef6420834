using BleepStore.Application.Abstractions;

namespace BleepStore.Infrastructure.Storage.Aws;

/// <summary>
/// Upstream objects read one after the other as one forward-only stream; one GET open at a time. With
/// <paramref name="ifMatch"/>, a source that no longer has that ETag counts as missing.
/// </summary>
internal sealed class UpstreamConcatenationStream(AwsUpstream upstream, string[] keys, Func<string, BlobNotFoundException> missing, string? ifMatch = null) : Stream
{
    private int _next;
    private Stream? _current;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            if (_current is null)
            {
                if (_next == keys.Length)
                {
                    return 0;
                }

                var key = keys[_next++];
                var response = await upstream.GetAsync(key, null, cancellationToken, ifMatch).ConfigureAwait(false) ?? throw missing(key);
                _current = new UpstreamReadStream(response);
            }

            var n = await _current.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (n > 0)
            {
                return n;
            }

            await _current.DisposeAsync().ConfigureAwait(false);
            _current = null;
        }

        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

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
        }

        base.Dispose(disposing);
    }
}
