using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using BleepStore.Application.Auth;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Streams;

/// <summary>
/// Decodes an aws-chunked body (spec 40): <c>hexlen[;chunk-signature=S]\r\n data \r\n … 0…\r\n
/// trailers \r\n\r\n</c>. With a signature chain every chunk (and the trailer) is verified; without
/// one the framing is decoded and signatures are ignored. Memory is one pooled 8 KiB buffer, which
/// is also the longest header or trailer line accepted; chunk data is never buffered beyond it.
/// Failures surface no later than the read that would return 0.
/// </summary>
internal sealed class AwsChunkedDecodingStream : ReadOnlyStream, ITrailerSource
{
    private const int BufferSize = 8192;
    private const int MaxTrailers = 32;
    private const int SignatureLength = 64;

    private readonly Stream _inner;
    private readonly long? _decodedLength;
    private readonly ChunkSignatureChain? _chain;
    private readonly bool _signedTrailer;
    private readonly IncrementalHash? _chunkHash;
    private readonly byte[] _chunkSignature = new byte[SignatureLength];
    private readonly Dictionary<string, string> _trailers = new(StringComparer.OrdinalIgnoreCase);
    private byte[]? _buffer;
    private int _pos;
    private int _end;
    private bool _innerEof;
    private State _state;
    private long _chunkRemaining;
    private long _decoded;
    private bool _hasChunkSignature;
    private IncrementalHash? _trailerHash;
    private byte[]? _trailerSignature;
    private Exception? _failure;

    /// <summary>Decodes without checking signatures (anonymous, auth disabled, unsigned trailer).</summary>
    public AwsChunkedDecodingStream(Stream inner, long? decodedLength)
        : this(inner, decodedLength, chain: null, signedTrailer: false)
    {
    }

    internal AwsChunkedDecodingStream(Stream inner, long? decodedLength, ChunkSignatureChain? chain, bool signedTrailer)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _decodedLength = decodedLength;
        _chain = chain;
        _signedTrailer = chain is not null && signedTrailer;
        _chunkHash = chain is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    }

    private enum State
    {
        ChunkHeader,
        ChunkData,
        ChunkEnd,
        Trailers,
        Done,
    }

    /// <summary>Trailing headers by lower-case name (without <c>x-amz-trailer-signature</c>); complete after EOF.</summary>
    public IReadOnlyDictionary<string, string> Trailers => _trailers;

    /// <summary>Decoded bytes returned so far.</summary>
    public long DecodedBytes => _decoded;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_failure is not null)
        {
            throw _failure;
        }

        ObjectDisposedException.ThrowIf(_buffer is null, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        try
        {
            while (true)
            {
                switch (_state)
                {
                    case State.Done:
                        return 0;
                    case State.ChunkHeader:
                        await ReadChunkHeaderAsync(cancellationToken).ConfigureAwait(false);
                        break;
                    case State.ChunkData:
                        return await ReadChunkDataAsync(buffer, cancellationToken).ConfigureAwait(false);
                    case State.ChunkEnd:
                        await ReadChunkEndAsync(cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        await ReadTrailerLineAsync(cancellationToken).ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (S3Exception e)
        {
            _failure = e;
            throw;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            var buffer = _buffer;
            _buffer = null;
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            _chunkHash?.Dispose();
            _trailerHash?.Dispose();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private static S3Exception Truncated() =>
        new(S3Errors.IncompleteBody, "The aws-chunked body ended before its final chunk.");

    private static S3Exception Malformed(string what) =>
        new(S3Errors.InvalidRequest, $"Malformed aws-chunked body: {what}.");

    private async ValueTask ReadChunkHeaderAsync(CancellationToken ct)
    {
        var (start, length) = await ReadLineAsync(ct).ConfigureAwait(false) ?? throw Truncated();
        var line = _buffer.AsSpan(start, length);
        var semicolon = line.IndexOf((byte)';');
        var sizeText = (semicolon < 0 ? line : line[..semicolon]).TrimEnd((byte)' ');
        if (sizeText.IsEmpty || sizeText.Length > 15)
        {
            throw Malformed("bad chunk size");
        }

        long size = 0;
        foreach (var b in sizeText)
        {
            var v = Hex.HexVal((char)b);
            if (v < 0)
            {
                throw Malformed("bad chunk size");
            }

            size = (size << 4) | (uint)v;
        }

        _hasChunkSignature = false;
        if (semicolon >= 0)
        {
            ReadChunkSignature(line[(semicolon + 1)..]);
        }

        if (_chain is not null && !_hasChunkSignature)
        {
            throw new S3Exception(S3Errors.SignatureDoesNotMatch, "A chunk of a signed aws-chunked body has no chunk-signature.");
        }

        if (size > 0)
        {
            _chunkRemaining = size;
            _state = State.ChunkData;
            return;
        }

        VerifyChunk();
        _state = State.Trailers;
    }

    private void ReadChunkSignature(ReadOnlySpan<byte> extensions)
    {
        foreach (var range in extensions.Split((byte)';'))
        {
            var ext = extensions[range].Trim((byte)' ');
            if (ext.StartsWith("chunk-signature="u8))
            {
                var sig = ext["chunk-signature="u8.Length..];
                if (sig.Length != SignatureLength)
                {
                    throw new S3Exception(S3Errors.SignatureDoesNotMatch, "The chunk signature is not 64 hex characters.");
                }

                sig.CopyTo(_chunkSignature);
                _hasChunkSignature = true;
            }
        }
    }

    private async ValueTask<int> ReadChunkDataAsync(Memory<byte> destination, CancellationToken ct)
    {
        var want = (int)Math.Min(destination.Length, _chunkRemaining);
        int n;
        if (_pos < _end)
        {
            n = Math.Min(want, _end - _pos);
            _buffer.AsSpan(_pos, n).CopyTo(destination.Span);
            _pos += n;
        }
        else
        {
            // Nothing buffered: read straight into the caller's memory.
            n = _innerEof ? 0 : await _inner.ReadAsync(destination[..want], ct).ConfigureAwait(false);
            if (n == 0)
            {
                _innerEof = true;
                throw Truncated();
            }
        }

        _chunkHash?.AppendData(destination.Span[..n]);
        _chunkRemaining -= n;
        _decoded += n;
        if (_decoded > _decodedLength)
        {
            throw new S3Exception(S3Errors.IncompleteBody, "The aws-chunked body is longer than x-amz-decoded-content-length.");
        }

        if (_chunkRemaining == 0)
        {
            _state = State.ChunkEnd;
        }

        return n;
    }

    private async ValueTask ReadChunkEndAsync(CancellationToken ct)
    {
        var (_, length) = await ReadLineAsync(ct).ConfigureAwait(false) ?? throw Truncated();
        if (length != 0)
        {
            throw Malformed("chunk data is longer than its declared size");
        }

        VerifyChunk();
        _state = State.ChunkHeader;
    }

    private void VerifyChunk()
    {
        if (_chain is null)
        {
            return;
        }

        Span<byte> hash = stackalloc byte[32];
        _chunkHash!.GetHashAndReset(hash);
        if (!_chain.VerifyChunk(hash, _chunkSignature))
        {
            throw SigV4Errors.ChunkSignatureMismatch();
        }
    }

    private async ValueTask ReadTrailerLineAsync(CancellationToken ct)
    {
        // A missing final CRLF after the trailers is tolerated: some clients end the body there.
        var read = await ReadLineAsync(ct).ConfigureAwait(false);
        if (read is not { } l || l.Length == 0)
        {
            Finish();
            return;
        }

        var line = _buffer.AsSpan(l.Start, l.Length);
        var colon = line.IndexOf((byte)':');
        if (colon <= 0 || _trailers.Count >= MaxTrailers)
        {
            throw Malformed("bad trailer");
        }

        var name = Encoding.ASCII.GetString(line[..colon].Trim((byte)' ')).ToLowerInvariant();
        var value = line[(colon + 1)..].Trim((byte)' ');
        if (name == "x-amz-trailer-signature")
        {
            _trailerSignature = value.ToArray();
            return;
        }

        _trailers[name] = Encoding.UTF8.GetString(value);
        if (_signedTrailer)
        {
            _trailerHash ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            _trailerHash.AppendData(line);
            _trailerHash.AppendData("\n"u8);
        }
    }

    private void Finish()
    {
        if (_signedTrailer)
        {
            Span<byte> hash = stackalloc byte[32];
            if (_trailerHash is null)
            {
                SHA256.HashData([], hash);
            }
            else
            {
                _trailerHash.GetHashAndReset(hash);
            }

            if (_trailerSignature is null || !_chain!.VerifyTrailer(hash, _trailerSignature))
            {
                throw SigV4Errors.TrailerSignatureMismatch();
            }
        }

        if (_decodedLength is { } declared && _decoded != declared)
        {
            throw new S3Exception(S3Errors.IncompleteBody);
        }

        _state = State.Done;
    }

    /// <summary>The next line (without CR LF) as a range of the buffer; null at a clean end of input.</summary>
    private async ValueTask<(int Start, int Length)?> ReadLineAsync(CancellationToken ct)
    {
        var buffer = _buffer!;
        var scanFrom = _pos;
        while (true)
        {
            var idx = buffer.AsSpan(scanFrom, _end - scanFrom).IndexOf((byte)'\n');
            if (idx >= 0)
            {
                var start = _pos;
                var length = scanFrom + idx - start;
                _pos = scanFrom + idx + 1;
                if (length > 0 && buffer[start + length - 1] == '\r')
                {
                    length--;
                }

                return (start, length);
            }

            if (_innerEof)
            {
                return _pos == _end ? null : throw Truncated();
            }

            if (_pos > 0)
            {
                buffer.AsSpan(_pos, _end - _pos).CopyTo(buffer);
                _end -= _pos;
                _pos = 0;
            }

            if (_end == BufferSize)
            {
                throw Malformed("line too long");
            }

            scanFrom = _end;
            var n = await _inner.ReadAsync(buffer.AsMemory(_end, BufferSize - _end), ct).ConfigureAwait(false);
            if (n == 0)
            {
                _innerEof = true;
            }

            _end += n;
        }
    }
}
