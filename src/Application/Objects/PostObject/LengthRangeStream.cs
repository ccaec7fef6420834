using System.Globalization;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Objects.PostObject;

/// <summary>
/// The policy's <c>content-length-range</c> on a file whose length is not known in advance: EntityTooLarge as soon
/// as the bytes pass the maximum, EntityTooSmall at the end when they stay under the minimum. Either fails the
/// read, so the object is never committed.
/// </summary>
internal sealed class LengthRangeStream(Stream inner, long min, long max) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int n)
    {
        _read += n;
        if (_read > max)
        {
            throw new S3Exception(S3Errors.EntityTooLarge, details:
            [
                new("ProposedSize", _read.ToString(CultureInfo.InvariantCulture)),
                new("MaxSizeAllowed", max.ToString(CultureInfo.InvariantCulture)),
            ]);
        }

        if (n == 0 && _read < min)
        {
            throw new S3Exception(S3Errors.EntityTooSmall, details:
            [
                new("ProposedSize", _read.ToString(CultureInfo.InvariantCulture)),
                new("MinSizeAllowed", min.ToString(CultureInfo.InvariantCulture)),
            ]);
        }

        return n;
    }
}
