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

    /// <summary>Parses exactly <c>2 × destination.Length</c> hex characters (either case); vectorized by the runtime.</summary>
    public static bool TryParse(ReadOnlySpan<char> hex, Span<byte> destination) =>
        hex.Length == destination.Length * 2
        && Convert.FromHexString(hex, destination, out _, out var written) == System.Buffers.OperationStatus.Done
        && written == destination.Length;

    /// <inheritdoc cref="TryParse(ReadOnlySpan{char}, Span{byte})"/>
    public static bool TryParse(ReadOnlySpan<byte> hexAscii, Span<byte> destination) =>
        hexAscii.Length == destination.Length * 2
        && Convert.FromHexString(hexAscii, destination, out _, out var written) == System.Buffers.OperationStatus.Done
        && written == destination.Length;

    public static int HexVal(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
