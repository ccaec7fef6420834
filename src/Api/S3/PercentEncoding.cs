using System.Buffers;
using System.Text;

namespace BleepStore.Api.S3;

/// <summary>Percent-decoding of request paths and queries, and S3's <c>encoding-type=url</c> encoding.</summary>
internal static class PercentEncoding
{
    /// <summary>What <c>encoding-type=url</c> leaves as it is: the unreserved characters and <c>/</c>, as S3 does.</summary>
    private static readonly SearchValues<char> KeptInListings =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~/");

    /// <summary>
    /// Decodes <c>%XX</c> once, as UTF-8. Malformed escapes stay literal; byte sequences that are not
    /// valid UTF-8 become U+FFFD (they cannot name a key anyway).
    /// </summary>
    public static string DecodePath(ReadOnlySpan<char> s) => Decode(s, plusIsSpace: false);

    /// <summary>Like <see cref="DecodePath"/>, and <c>+</c> means a space (form encoding, as S3 reads queries).</summary>
    public static string DecodeQueryComponent(ReadOnlySpan<char> s) => Decode(s, plusIsSpace: true);

    /// <summary>
    /// S3's listing encoding: UTF-8 bytes percent-encoded (upper-case hex) except <c>A-Za-z0-9-_.~</c> and
    /// <c>/</c>, which S3 keeps (spec 20 lists only the unreserved ones; S3 answers <c>a/b%20c%2B</c> for
    /// <c>a/b c+</c>, and issue 9 asks for S3's answer). A space is <c>%20</c>, never <c>+</c>.
    /// </summary>
    public static string EncodeUrl(string s)
    {
        if (!s.AsSpan().ContainsAnyExcept(KeptInListings))
        {
            return s;
        }

        var bytes = Encoding.UTF8.GetBytes(s);
        var sb = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b < 0x80 && KeptInListings.Contains((char)b))
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('%').Append(HexUpper[b >> 4]).Append(HexUpper[b & 0xF]);
            }
        }

        return sb.ToString();
    }

    private const string HexUpper = "0123456789ABCDEF";

    private static string Decode(ReadOnlySpan<char> s, bool plusIsSpace)
    {
        if (s.IndexOfAny('%', plusIsSpace ? '+' : '%') < 0)
        {
            return s.ToString();
        }

        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(s.Length));
        try
        {
            var n = 0;
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if (c == '%' && i + 2 < s.Length && IsHex(s[i + 1]) && IsHex(s[i + 2]))
                {
                    rented[n++] = (byte)((HexValue(s[i + 1]) << 4) | HexValue(s[i + 2]));
                    i += 2;
                }
                else if (c == '+' && plusIsSpace)
                {
                    rented[n++] = (byte)' ';
                }
                else if (c < 0x80)
                {
                    rented[n++] = (byte)c;
                }
                else
                {
                    // A raw non-ASCII character (not valid in a request target, but be lenient): keep it.
                    var len = char.IsHighSurrogate(c) && i + 1 < s.Length ? 2 : 1;
                    n += Encoding.UTF8.GetBytes(s.Slice(i, len), rented.AsSpan(n));
                    i += len - 1;
                }
            }

            return Encoding.UTF8.GetString(rented, 0, n);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
