using BleepStore.Application.Auth;

namespace BleepStore.Application.Streams;

/// <summary>
/// The aws-chunked signature chain (spec 40): each chunk is signed over the previous signature
/// (the request signature first), the final empty chunk too, then optionally the trailer.
/// </summary>
internal sealed class ChunkSignatureChain
{
    private readonly SigningContext _context;
    private readonly byte[] _previous = new byte[64];

    public ChunkSignatureChain(SigningContext context)
    {
        _context = context;
        System.Text.Encoding.ASCII.GetBytes(context.Signature.AsSpan(0, Math.Min(64, context.Signature.Length)), _previous);
    }

    public bool VerifyChunk(ReadOnlySpan<byte> chunkSha256, ReadOnlySpan<byte> providedHexAscii)
    {
        var w = new PooledByteWriter(256);
        try
        {
            WriteHead(ref w, SigV4Constants.ChunkAlgorithm);
            w.Append(SigV4Constants.EmptySha256.AsSpan());
            w.Append((byte)'\n');
            w.AppendHex(chunkSha256);
            return Check(w.Written, providedHexAscii);
        }
        finally
        {
            w.Dispose();
        }
    }

    public bool VerifyTrailer(ReadOnlySpan<byte> trailerSha256, ReadOnlySpan<byte> providedHexAscii)
    {
        var w = new PooledByteWriter(256);
        try
        {
            WriteHead(ref w, SigV4Constants.TrailerAlgorithm);
            w.AppendHex(trailerSha256);
            return Check(w.Written, providedHexAscii);
        }
        finally
        {
            w.Dispose();
        }
    }

    private void WriteHead(ref PooledByteWriter w, string algorithm)
    {
        w.Append(algorithm.AsSpan());
        w.Append((byte)'\n');
        w.Append(_context.Timestamp.AsSpan());
        w.Append((byte)'\n');
        w.Append(_context.Scope.AsSpan());
        w.Append((byte)'\n');
        w.Append(_previous);
        w.Append((byte)'\n');
    }

    private bool Check(ReadOnlySpan<byte> stringToSign, ReadOnlySpan<byte> providedHexAscii)
    {
        Span<byte> signature = stackalloc byte[32];
        SigV4Signing.Sign(_context.SigningKey, stringToSign, signature);
        if (!SigV4Signing.Matches(signature, providedHexAscii))
        {
            return false;
        }

        Hex.WriteLower(signature, _previous);
        return true;
    }
}
