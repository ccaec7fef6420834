using System.Text;

namespace BleepStore.Application.Auth;

/// <summary>
/// SigV4 URI encoding: keep <c>A-Za-z0-9-_.~</c>, every other byte as <c>%XX</c> (upper hex). The
/// canonical form of a raw piece is "decode once, then encode", done byte by byte so that bytes
/// which are not valid UTF-8 survive unchanged.
/// </summary>
internal static class S3UriEncoder
{
    private static ReadOnlySpan<byte> Upper => "0123456789ABCDEF"u8;

    public static bool IsUnreserved(byte b) =>
        (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '_' || b == '.' || b == '~';

    public static void EncodeByte(ref PooledByteWriter w, byte b)
    {
        if (IsUnreserved(b))
        {
            w.Append(b);
            return;
        }

        w.Append((byte)'%');
        w.Append(Upper[b >> 4]);
        w.Append(Upper[b & 0xF]);
    }

    /// <summary>
    /// Writes the canonical form of one raw (percent-encoded) piece: <c>%XX</c> decoded then
    /// re-encoded, other characters encoded from UTF-8. In a query, <c>+</c> means a space.
    /// </summary>
    public static void Canonicalize(ref PooledByteWriter w, ReadOnlySpan<char> raw, bool plusIsSpace)
    {
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '%' && i + 2 < raw.Length && Hex.HexVal(raw[i + 1]) >= 0 && Hex.HexVal(raw[i + 2]) >= 0)
            {
                EncodeByte(ref w, (byte)((Hex.HexVal(raw[i + 1]) << 4) | Hex.HexVal(raw[i + 2])));
                i += 2;
            }
            else if (c == '+' && plusIsSpace)
            {
                EncodeByte(ref w, (byte)' ');
            }
            else if (c < 0x80)
            {
                EncodeByte(ref w, (byte)c);
            }
            else
            {
                var len = char.IsHighSurrogate(c) && i + 1 < raw.Length
                    ? Encoding.UTF8.GetBytes(raw.Slice(i++, 2), utf8)
                    : Encoding.UTF8.GetBytes(raw.Slice(i, 1), utf8);
                foreach (var b in utf8[..len])
                {
                    EncodeByte(ref w, b);
                }
            }
        }
    }

    /// <summary>Canonical URI: split on <c>/</c>, each segment decoded once and encoded (so <c>%2F</c> stays); empty → <c>/</c>.</summary>
    public static void CanonicalPath(ref PooledByteWriter w, ReadOnlySpan<char> rawPath)
    {
        if (rawPath.IsEmpty)
        {
            w.Append((byte)'/');
            return;
        }

        var first = true;
        foreach (var range in rawPath.Split('/'))
        {
            if (!first)
            {
                w.Append((byte)'/');
            }

            first = false;
            Canonicalize(ref w, rawPath[range], plusIsSpace: false);
        }
    }

    /// <summary>The canonical form of a raw query piece as a string (ASCII), for sorting.</summary>
    public static string CanonicalQueryPiece(ReadOnlySpan<char> raw)
    {
        if (IsAlreadyCanonical(raw))
        {
            return raw.ToString();
        }

        var w = new PooledByteWriter(raw.Length * 3);
        try
        {
            Canonicalize(ref w, raw, plusIsSpace: true);
            return Encoding.ASCII.GetString(w.Written);
        }
        finally
        {
            w.Dispose();
        }
    }

    /// <summary>Percent-decodes a raw query piece (<c>+</c> = space) to text, for reading X-Amz-* values.</summary>
    public static string DecodeQueryPiece(ReadOnlySpan<char> raw)
    {
        if (raw.IndexOfAny('%', '+') < 0)
        {
            return raw.ToString();
        }

        var bytes = new PooledByteWriter(raw.Length);
        try
        {
            for (var i = 0; i < raw.Length; i++)
            {
                var c = raw[i];
                if (c == '%' && i + 2 < raw.Length && Hex.HexVal(raw[i + 1]) >= 0 && Hex.HexVal(raw[i + 2]) >= 0)
                {
                    bytes.Append((byte)((Hex.HexVal(raw[i + 1]) << 4) | Hex.HexVal(raw[i + 2])));
                    i += 2;
                }
                else if (c == '+')
                {
                    bytes.Append((byte)' ');
                }
                else
                {
                    bytes.Append(raw.Slice(i, 1));
                }
            }

            return bytes.ToUtf8String();
        }
        finally
        {
            bytes.Dispose();
        }
    }

    private static bool IsAlreadyCanonical(ReadOnlySpan<char> raw)
    {
        foreach (var c in raw)
        {
            if (c >= 0x80 || !IsUnreserved((byte)c))
            {
                return false;
            }
        }

        return true;
    }
}
