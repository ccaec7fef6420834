using System.Buffers.Binary;

namespace BleepStore.E2E.Support;

/// <summary>
/// Managed CRC32C and CRC64NVME (the SDK computes these only through its native CRT package, which this
/// feed lacks), so the suite can send precomputed <c>x-amz-checksum-crc32c|crc64nvme</c> values.
/// </summary>
internal static class Crc
{
    private static readonly uint[] Crc32CTable = BuildTable32(0x82F63B78u);
    private static readonly ulong[] Crc64NvmeTable = BuildTable64(0x9A6C9329AC4BC9B5UL);

    public static async Task<string> Crc32CBase64Async(Stream stream)
    {
        var crc = 0xFFFFFFFFu;
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                crc = Crc32CTable[(crc ^ buffer[i]) & 0xFF] ^ (crc >> 8);
            }
        }

        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, ~crc);
        return Convert.ToBase64String(bytes);
    }

    public static async Task<string> Crc64NvmeBase64Async(Stream stream)
    {
        var crc = ulong.MaxValue;
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                crc = Crc64NvmeTable[(crc ^ buffer[i]) & 0xFF] ^ (crc >> 8);
            }
        }

        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, ~crc);
        return Convert.ToBase64String(bytes);
    }

    private static uint[] BuildTable32(uint polynomial)
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? polynomial ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }

    private static ulong[] BuildTable64(ulong polynomial)
    {
        var table = new ulong[256];
        for (ulong n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? polynomial ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
