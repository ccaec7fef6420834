using System.Runtime.Intrinsics.X86;
using System.Text;
using BleepStore.Application.Streams;

namespace BleepStore.Application.Tests.Streams;

/// <summary>The hardware CRC-32 paths against the table implementation, and the folding constants against the polynomial.</summary>
public sealed class Crc32Tests
{
    /// <summary>x^32 + x^26 + ... + 1, not reflected (bit 32 set).</summary>
    private const ulong Generator = 0x1_04C1_1DB7;

    [Fact]
    public void CheckString_GivesCatalogueValue_OnEveryPath()
    {
        var check = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xCBF43926u, ~Crc32.Append(uint.MaxValue, check));
        Assert.Equal(0xCBF43926u, ~Crc32.AppendSoftware(uint.MaxValue, check));
    }

    [Fact]
    public void KnownLongInput_MatchesIndependentValue()
    {
        // 1 MiB of zero bytes, and of the bytes 0..255 repeated: long enough for every folding loop.
        var zeros = new byte[1 << 20];
        var ramp = new byte[1 << 20];
        for (var i = 0; i < ramp.Length; i++)
        {
            ramp[i] = (byte)i;
        }

        Assert.Equal(BitwiseCrc(zeros), ~Crc32.Append(uint.MaxValue, zeros));
        Assert.Equal(BitwiseCrc(ramp), ~Crc32.Append(uint.MaxValue, ramp));
    }

    [Fact]
    public void EveryLengthAndAlignment_AgreesWithTable()
    {
        var data = new byte[4096 + 64];
        new Random(20261122).NextBytes(data);
        for (var offset = 0; offset < 16; offset++)
        {
            for (var length = 0; length <= 1100; length++)
            {
                var span = data.AsSpan(offset, length);
                Assert.True(
                    Crc32.AppendSoftware(uint.MaxValue, span) == Crc32.Append(uint.MaxValue, span),
                    $"offset {offset}, length {length}");
            }
        }
    }

    [Fact]
    public void RandomBuffersAndStartValues_AgreeWithTable()
    {
        var random = new Random(5);
        var data = new byte[300_000];
        for (var round = 0; round < 200; round++)
        {
            var length = random.Next(0, data.Length);
            var offset = random.Next(0, data.Length - length + 1);
            random.NextBytes(data.AsSpan(offset, length));
            var start = (uint)random.NextInt64(0, 1L << 32);
            var span = data.AsSpan(offset, length);
            Assert.Equal(Crc32.AppendSoftware(start, span), Crc32.Append(start, span));
        }
    }

    [Fact]
    public void FoldedPath_AgreesWithTable_WhenAvailable()
    {
        if (!Pclmulqdq.IsSupported)
        {
            // Nothing to compare on this CPU; the other tests cover whichever path Append takes.
            return;
        }

        var data = new byte[64 * 40];
        new Random(11).NextBytes(data);
        for (var length = 64; length <= data.Length; length += 16)
        {
            Assert.Equal(Crc32.AppendSoftware(0x1234_5678, data.AsSpan(0, length)), Crc32.AppendFolded(0x1234_5678, data.AsSpan(0, length)));
        }

        Assert.Throws<ArgumentException>(() => Crc32.AppendFolded(0, data.AsSpan(0, 63)));
        Assert.Throws<ArgumentException>(() => Crc32.AppendFolded(0, data.AsSpan(0, 72)));
    }

    [Fact]
    public void Pieces_EqualOneShot_AcrossTheFoldingThreshold()
    {
        var data = new byte[70_001];
        new Random(3).NextBytes(data);
        var whole = Crc32.Append(uint.MaxValue, data);
        foreach (var piece in new[] { 1, 15, 16, 17, 63, 64, 65, 100, 4096, 65_536 })
        {
            var crc = uint.MaxValue;
            for (var i = 0; i < data.Length; i += piece)
            {
                crc = Crc32.Append(crc, data.AsSpan(i, Math.Min(piece, data.Length - i)));
            }

            Assert.True(whole == crc, $"piece {piece}");
        }
    }

    [Fact]
    public void FoldingConstants_DeriveFromThePolynomial()
    {
        Assert.Equal(Crc32.FoldBy4Low, ReflectedShifted(XPowModP(4 * 128 + 32)));
        Assert.Equal(Crc32.FoldBy4High, ReflectedShifted(XPowModP(4 * 128 - 32)));
        Assert.Equal(Crc32.FoldBy1Low, ReflectedShifted(XPowModP(128 + 32)));
        Assert.Equal(Crc32.FoldBy1High, ReflectedShifted(XPowModP(128 - 32)));
        Assert.Equal(Crc32.Fold64, ReflectedShifted(XPowModP(64)));
        Assert.Equal(Crc32.ReflectedPolynomial, Reflect(Generator, 33));
        Assert.Equal(Crc32.BarrettMu, Reflect(X64DivP(), 33));
    }

    private static ulong XPowModP(int n)
    {
        ulong r = 1;
        for (var i = 0; i < n; i++)
        {
            r <<= 1;
            if ((r & (1UL << 32)) != 0)
            {
                r ^= Generator;
            }
        }

        return r;
    }

    private static ulong X64DivP()
    {
        // Long division of x^64 by P over GF(2); the quotient has degree 32.
        UInt128 remainder = UInt128.One << 64;
        ulong quotient = 0;
        for (var bit = 64; bit >= 32; bit--)
        {
            if (((remainder >> bit) & UInt128.One) != UInt128.Zero)
            {
                quotient |= 1UL << (bit - 32);
                remainder ^= (UInt128)Generator << (bit - 32);
            }
        }

        return quotient;
    }

    private static ulong ReflectedShifted(ulong value32) => Reflect(value32, 32) << 1;

    private static ulong Reflect(ulong value, int bits)
    {
        ulong r = 0;
        for (var i = 0; i < bits; i++)
        {
            if ((value & (1UL << i)) != 0)
            {
                r |= 1UL << (bits - 1 - i);
            }
        }

        return r;
    }

    /// <summary>One bit at a time, straight from the definition: a reference independent of both tables and folding.</summary>
    private static uint BitwiseCrc(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
