using Microsoft.Data.Sqlite;

namespace BleepStore.Infrastructure.Storage.Sqlite;

/// <summary>
/// Reads one BLOB through incremental I/O inside a read transaction, so a concurrent delete or
/// overwrite through another connection never changes the bytes mid-read (WAL snapshot). Owns the
/// connection, transaction and blob handle.
/// </summary>
internal sealed class SqliteBlobReadStream(SqliteConnection connection, SqliteTransaction transaction, SqliteBlob blob) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => blob.Length;

    public override long Position
    {
        get => blob.Position;
        set => blob.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => blob.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => blob.Read(buffer);

    // SQLite's blob reads are synchronous; the async overloads only avoid the base class's array rental.
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(blob.Read(buffer, offset, count));
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(blob.Read(buffer.Span));
    }

    public override long Seek(long offset, SeekOrigin origin) => blob.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            blob.Dispose();
            transaction.Dispose();
            connection.Dispose();
        }

        base.Dispose(disposing);
    }
}
