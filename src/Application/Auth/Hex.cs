namespace BleepStore.Application.Auth;

internal static class Hex
{
    private static ReadOnlySpan<byte> Lower => "0123456789abcdef"u8;

    /// <summary>Writes lower-case hex ASCII of <paramref name="source"/> (2 bytes per byte).</summary>
    public static void WriteLower(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var digits = Lower;
        for (var i = 0; i < source.Length; i++)
        {
            destination[2 * i] = digits[source[i] >> 4];
            destination[(2 * i) + 1] = digits[source[i] & 0xF];
        }
    }

    /// <summary>Parses exactly <c>2 × destination.Length</c> hex characters (either case).</summary>
    public static bool TryParse(ReadOnlySpan<char> hex, Span<byte> destination)
    {
        if (hex.Length != destination.Length * 2)
        {
            return false;
        }

        for (var i = 0; i < destination.Length; i++)
        {
            var hi = HexVal(hex[2 * i]);
            var lo = HexVal(hex[(2 * i) + 1]);
            if ((hi | lo) < 0)
            {
                return false;
            }

            destination[i] = (byte)((hi << 4) | lo);
        }

        return true;
    }

    public static bool TryParse(ReadOnlySpan<byte> hexAscii, Span<byte> destination)
    {
        if (hexAscii.Length != destination.Length * 2)
        {
            return false;
        }

        for (var i = 0; i < destination.Length; i++)
        {
            var hi = HexVal((char)hexAscii[2 * i]);
            var lo = HexVal((char)hexAscii[(2 * i) + 1]);
            if ((hi | lo) < 0)
            {
                return false;
            }

            destination[i] = (byte)((hi << 4) | lo);
        }

        return true;
    }

    public static int HexVal(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
