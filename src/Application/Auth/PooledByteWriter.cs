using System.Buffers;
using System.Text;

namespace BleepStore.Application.Auth;

/// <summary>A growable byte buffer rented from the shared pool, for canonical requests and strings to sign.</summary>
internal ref struct PooledByteWriter
{
    private byte[] _buffer;
    private int _length;

    public PooledByteWriter(int initialCapacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
        _length = 0;
    }

    public readonly ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public readonly int Length => _length;

    public void Append(byte b)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = b;
    }

    public void Append(scoped ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _buffer.Length)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Appends text as UTF-8 (ASCII for every SigV4 constant).</summary>
    public void Append(scoped ReadOnlySpan<char> text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_length + max > _buffer.Length)
        {
            Grow(max);
        }

        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
    }

    /// <summary>Appends <paramref name="bytes"/> as lower-case hex.</summary>
    public void AppendHex(scoped ReadOnlySpan<byte> bytes)
    {
        if (_length + (bytes.Length * 2) > _buffer.Length)
        {
            Grow(bytes.Length * 2);
        }

        Hex.WriteLower(bytes, _buffer.AsSpan(_length));
        _length += bytes.Length * 2;
    }

    public readonly string ToUtf8String() => Encoding.UTF8.GetString(Written);

    public readonly byte[] ToArray() => Written.ToArray();

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Grow(int needed)
    {
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + needed));
        _buffer.AsSpan(0, _length).CopyTo(next);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = next;
    }
}
