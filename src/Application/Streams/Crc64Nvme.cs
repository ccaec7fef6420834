namespace BleepStore.Application.Streams;

/// <summary>CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5, init and xorout all ones), slicing-by-8.</summary>
internal static class Crc64Nvme
{
    private const ulong Polynomial = 0x9A6C9329AC4BC9B5ul;

    private static readonly ulong[] Table = CrcTables.Build64(Polynomial);

    public static ulong Append(ulong crc, ReadOnlySpan<byte> data) => CrcTables.Update64(Table, crc, data);
}
