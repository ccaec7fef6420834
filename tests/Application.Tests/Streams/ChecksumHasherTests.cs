using System.Security.Cryptography;
using System.Text;
using BleepStore.Application.Streams;
using BleepStore.Domain.Checksums;

namespace BleepStore.Application.Tests.Streams;

public sealed class ChecksumHasherTests
{
    private static readonly byte[] Check = Encoding.ASCII.GetBytes("123456789");

    [Theory]
    [InlineData(ChecksumAlgorithm.Crc32, "CBF43926")]
    [InlineData(ChecksumAlgorithm.Crc32C, "E3069283")]
    [InlineData(ChecksumAlgorithm.Crc64Nvme, "AE8B14860A799888")]
    public void ComputeBase64_CheckString_MatchesCatalogueCheckValue(ChecksumAlgorithm algorithm, string hex) =>
        Assert.Equal(Convert.ToBase64String(Convert.FromHexString(hex)), ChecksumHasher.ComputeBase64(algorithm, Check));

    [Fact]
    public void ComputeBase64_ShaAlgorithms_MatchFrameworkDigests()
    {
        Assert.Equal(Convert.ToBase64String(SHA1.HashData(Check)), ChecksumHasher.ComputeBase64(ChecksumAlgorithm.Sha1, Check));
        Assert.Equal(Convert.ToBase64String(SHA256.HashData(Check)), ChecksumHasher.ComputeBase64(ChecksumAlgorithm.Sha256, Check));
    }

    [Fact]
    public void ComputeBase64_Crc32OfCheckString_IsS3Base64()
    {
        Assert.Equal("y/Q5Jg==", ChecksumHasher.ComputeBase64(ChecksumAlgorithm.Crc32, Check));
        Assert.Equal("AAAAAA==", ChecksumHasher.ComputeBase64(ChecksumAlgorithm.Crc32, []));
    }

    [Theory]
    [InlineData(ChecksumAlgorithm.Crc32)]
    [InlineData(ChecksumAlgorithm.Crc32C)]
    [InlineData(ChecksumAlgorithm.Crc64Nvme)]
    [InlineData(ChecksumAlgorithm.Sha1)]
    [InlineData(ChecksumAlgorithm.Sha256)]
    public void Append_InUnevenPieces_EqualsOneShot(ChecksumAlgorithm algorithm)
    {
        var data = new byte[10007];
        new Random(42).NextBytes(data);
        using var hasher = new ChecksumHasher(algorithm);
        var offset = 0;
        foreach (var size in new[] { 1, 7, 8, 9, 63, 1000, 4096 })
        {
            hasher.Append(data.AsSpan(offset, size));
            offset += size;
        }

        hasher.Append(data.AsSpan(offset));

        Assert.Equal(ChecksumHasher.ComputeBase64(algorithm, data), hasher.GetBase64());
    }

    [Fact]
    public void Crc32C_HardwareAndSoftwarePaths_Agree()
    {
        var data = new byte[4099];
        new Random(7).NextBytes(data);
        for (var length = 0; length < 40; length++)
        {
            Assert.Equal(Crc32C.AppendSoftware(uint.MaxValue, data.AsSpan(0, length)), Crc32C.Append(uint.MaxValue, data.AsSpan(0, length)));
        }

        Assert.Equal(Crc32C.AppendSoftware(uint.MaxValue, data), Crc32C.Append(uint.MaxValue, data));
    }

    [Fact]
    public void GetBase64_AfterRead_ResetsForReuse()
    {
        using var hasher = new ChecksumHasher(ChecksumAlgorithm.Crc64Nvme);
        hasher.Append(Check);
        var first = hasher.GetBase64();
        hasher.Append(Check);

        Assert.Equal(first, hasher.GetBase64());
    }

    [Theory]
    [InlineData(ChecksumAlgorithm.Crc32, 4)]
    [InlineData(ChecksumAlgorithm.Crc32C, 4)]
    [InlineData(ChecksumAlgorithm.Crc64Nvme, 8)]
    [InlineData(ChecksumAlgorithm.Sha1, 20)]
    [InlineData(ChecksumAlgorithm.Sha256, 32)]
    public void DigestLength_EachAlgorithm_MatchesBase64Length(ChecksumAlgorithm algorithm, int length)
    {
        Assert.Equal(length, ChecksumHasher.DigestLength(algorithm));
        Assert.Equal(length, Convert.FromBase64String(ChecksumHasher.ComputeBase64(algorithm, Check)).Length);
    }
}
