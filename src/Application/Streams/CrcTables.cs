using System.Buffers.Binary;

namespace BleepStore.Application.Streams;

/// <summary>
/// Slicing-by-8 tables and loops for reflected CRCs. The running value passed in and out is the
/// register (already complemented); callers start from all ones and complement at the end.
/// </summary>
internal static class CrcTables
{
    public static uint[] Build32(uint polynomial)
    {
        var table = new uint[8 * 256];
        for (var i = 0; i < 256; i++)
        {
            var c = (uint)i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ polynomial : c >> 1;
            }

            table[i] = c;
        }

        for (var i = 0; i < 256; i++)
        {
            for (var t = 1; t < 8; t++)
            {
                var prev = table[((t - 1) * 256) + i];
                table[(t * 256) + i] = (prev >> 8) ^ table[prev & 0xFF];
            }
        }

        return table;
    }

    public static ulong[] Build64(ulong polynomial)
    {
        var table = new ulong[8 * 256];
        for (var i = 0; i < 256; i++)
        {
            var c = (ulong)i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ polynomial : c >> 1;
            }

            table[i] = c;
        }

        for (var i = 0; i < 256; i++)
        {
            for (var t = 1; t < 8; t++)
            {
                var prev = table[((t - 1) * 256) + i];
                table[(t * 256) + i] = (prev >> 8) ^ table[(int)(prev & 0xFF)];
            }
        }

        return table;
    }

    public static uint Update32(uint[] table, uint crc, ReadOnlySpan<byte> data)
    {
        var t = table.AsSpan();
        while (data.Length >= 8)
        {
            var lo = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ crc;
            var hi = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            crc = t[(7 * 256) + (int)(lo & 0xFF)]
                ^ t[(6 * 256) + (int)((lo >> 8) & 0xFF)]
                ^ t[(5 * 256) + (int)((lo >> 16) & 0xFF)]
                ^ t[(4 * 256) + (int)(lo >> 24)]
                ^ t[(3 * 256) + (int)(hi & 0xFF)]
                ^ t[(2 * 256) + (int)((hi >> 8) & 0xFF)]
                ^ t[256 + (int)((hi >> 16) & 0xFF)]
                ^ t[(int)(hi >> 24)];
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = (crc >> 8) ^ t[(int)((crc ^ b) & 0xFF)];
        }

        return crc;
    }

    public static ulong Update64(ulong[] table, ulong crc, ReadOnlySpan<byte> data)
    {
        var t = table.AsSpan();
        while (data.Length >= 8)
        {
            var v = BinaryPrimitives.ReadUInt64LittleEndian(data) ^ crc;
            crc = t[(7 * 256) + (int)(v & 0xFF)]
                ^ t[(6 * 256) + (int)((v >> 8) & 0xFF)]
                ^ t[(5 * 256) + (int)((v >> 16) & 0xFF)]
                ^ t[(4 * 256) + (int)((v >> 24) & 0xFF)]
                ^ t[(3 * 256) + (int)((v >> 32) & 0xFF)]
                ^ t[(2 * 256) + (int)((v >> 40) & 0xFF)]
                ^ t[256 + (int)((v >> 48) & 0xFF)]
                ^ t[(int)(v >> 56)];
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = (crc >> 8) ^ t[(int)((crc ^ b) & 0xFF)];
        }

        return crc;
    }
}
