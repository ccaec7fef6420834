using System.Buffers.Binary;

namespace BleepStore.E2E.Support;

/// <summary>Known-answer checks for the suite's own CRC helpers (check value of "123456789"), so a wrong helper is not blamed on the server.</summary>
public sealed class CrcSelfTests
{
    [Fact]
    public async Task Crc32C_CheckValue()
    {
        var value = await Crc.Crc32CBase64Async(new MemoryStream("123456789"u8.ToArray()));

        Assert.Equal(0xE3069283u, BinaryPrimitives.ReadUInt32BigEndian(Convert.FromBase64String(value)));
    }

    [Fact]
    public async Task Crc64Nvme_CheckValue()
    {
        var value = await Crc.Crc64NvmeBase64Async(new MemoryStream("123456789"u8.ToArray()));

        Assert.Equal(0xAE8B14860A799888UL, BinaryPrimitives.ReadUInt64BigEndian(Convert.FromBase64String(value)));
    }
}
