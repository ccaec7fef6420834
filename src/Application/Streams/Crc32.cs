namespace BleepStore.Application.Streams;

/// <summary>CRC-32 (IEEE 802.3, reflected 0xEDB88320), slicing-by-8: System.IO.Hashing is not available here.</summary>
internal static class Crc32
{
    private const uint Polynomial = 0xEDB88320u;

    private static readonly uint[] Table = CrcTables.Build32(Polynomial);

    public static uint Append(uint crc, ReadOnlySpan<byte> data) => CrcTables.Update32(Table, crc, data);
}
