using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ArmCrc32 = System.Runtime.Intrinsics.Arm.Crc32;

namespace BleepStore.Application.Streams;

/// <summary>
/// CRC-32 (IEEE 802.3, reflected 0xEDB88320), the AWS SDKs' default checksum: carry-less multiply
/// folding (PCLMULQDQ) on x86, the CRC32 instructions on Arm64, slicing-by-8 elsewhere and for the
/// last few bytes. System.IO.Hashing is not available here.
/// </summary>
/// <remarks>
/// The folding follows Intel's "Fast CRC Computation for Generic Polynomials Using PCLMULQDQ" (2009),
/// bit-reflected: four 128-bit accumulators absorb 64 bytes per step, are folded into one, then
/// reduced to 64 and 32 bits (Barrett). Every constant is x^n mod P (or x^64 div P) for the
/// polynomial, bit-reflected; the tests derive them from the polynomial and compare.
/// </remarks>
internal static class Crc32
{
    private const uint Polynomial = 0xEDB88320u;

    /// <summary>Below this the table loop wins: the 64-bit and 32-bit reductions cost about as much as 64 table steps.</summary>
    private const int FoldMinimum = 64;

    private static readonly uint[] Table = CrcTables.Build32(Polynomial);

    /// <summary>x^544 mod P: folds an accumulator forward over 4 × 128 bits (its low half).</summary>
    internal const ulong FoldBy4Low = 0x1_5444_2BD4;

    /// <summary>x^480 mod P: the same, for the accumulator's high half.</summary>
    internal const ulong FoldBy4High = 0x1_C6E4_1596;

    /// <summary>x^160 mod P: folds forward over 128 bits (low half).</summary>
    internal const ulong FoldBy1Low = 0x1_7519_97D0;

    /// <summary>x^96 mod P: folds forward over 128 bits (high half); also the 128 → 64 fold.</summary>
    internal const ulong FoldBy1High = 0x0_CCAA_009E;

    /// <summary>x^64 mod P: the 64 → 32 fold.</summary>
    internal const ulong Fold64 = 0x1_63CD_6124;

    /// <summary>The polynomial itself, 33 bits reflected (P').</summary>
    internal const ulong ReflectedPolynomial = 0x1_DB71_0641;

    /// <summary>x^64 div P, 33 bits reflected (μ'), for the Barrett reduction.</summary>
    internal const ulong BarrettMu = 0x1_F701_1641;

    /// <summary>True when <see cref="Append"/> uses instructions rather than the table.</summary>
    public static bool IsHardwareAccelerated => Pclmulqdq.IsSupported || ArmCrc32.Arm64.IsSupported;

    /// <summary>
    /// Continues <paramref name="crc"/> (the register: start from all ones, complement at the end)
    /// over <paramref name="data"/>.
    /// </summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        if (Pclmulqdq.IsSupported && data.Length >= FoldMinimum)
        {
            var folded = data.Length & ~15;
            crc = AppendFolded(crc, data[..folded]);
            data = data[folded..];
        }
        else if (ArmCrc32.Arm64.IsSupported)
        {
            return AppendArm64(crc, data);
        }

        return AppendSoftware(crc, data);
    }

    /// <summary>The table path, also used by tests and benchmarks to check the hardware paths against.</summary>
    internal static uint AppendSoftware(uint crc, ReadOnlySpan<byte> data) => CrcTables.Update32(Table, crc, data);

    /// <summary>PCLMULQDQ folding over a multiple of 16 bytes, at least 64.</summary>
    internal static uint AppendFolded(uint crc, ReadOnlySpan<byte> data)
    {
        if (!Pclmulqdq.IsSupported || data.Length < FoldMinimum || (data.Length & 15) != 0)
        {
            throw new ArgumentException("PCLMULQDQ folding needs the instruction and a multiple of 16 bytes, at least 64.", nameof(data));
        }

        ref var p = ref MemoryMarshal.GetReference(data);
        var remaining = data.Length;

        var a0 = Load(ref p, 0) ^ Vector128.CreateScalar((ulong)crc);
        var a1 = Load(ref p, 16);
        var a2 = Load(ref p, 32);
        var a3 = Load(ref p, 48);
        p = ref Unsafe.Add(ref p, 64);
        remaining -= 64;

        var by4 = Vector128.Create(FoldBy4Low, FoldBy4High);
        while (remaining >= 64)
        {
            a0 = Fold(a0, by4, Load(ref p, 0));
            a1 = Fold(a1, by4, Load(ref p, 16));
            a2 = Fold(a2, by4, Load(ref p, 32));
            a3 = Fold(a3, by4, Load(ref p, 48));
            p = ref Unsafe.Add(ref p, 64);
            remaining -= 64;
        }

        var by1 = Vector128.Create(FoldBy1Low, FoldBy1High);
        var acc = Fold(a0, by1, a1);
        acc = Fold(acc, by1, a2);
        acc = Fold(acc, by1, a3);
        while (remaining >= 16)
        {
            acc = Fold(acc, by1, Load(ref p, 0));
            p = ref Unsafe.Add(ref p, 16);
            remaining -= 16;
        }

        // 128 → 64 bits: the low half times x^96, added to the high half moved down.
        acc = Pclmulqdq.CarrylessMultiply(acc, by1, 0x10) ^ Sse2.ShiftRightLogical128BitLane(acc, 8);

        // 64 → 32 bits (appending the 32 zero bits the CRC definition implies).
        var low32 = Vector128.Create(0xFFFF_FFFFUL, 0xFFFF_FFFFUL);
        acc = Pclmulqdq.CarrylessMultiply(acc & low32, Vector128.CreateScalar(Fold64), 0x00) ^ Sse2.ShiftRightLogical128BitLane(acc, 4);

        // Barrett: q = (low 32 bits × μ') low 32 bits; r = acc ^ q × P'; the CRC is bits 32..63.
        var constants = Vector128.Create(ReflectedPolynomial, BarrettMu);
        var q = Pclmulqdq.CarrylessMultiply(acc & low32, constants, 0x10) & low32;
        acc ^= Pclmulqdq.CarrylessMultiply(q, constants, 0x00);
        return acc.AsUInt32().GetElement(1);
    }

    private static uint AppendArm64(uint crc, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 8)
        {
            crc = ArmCrc32.Arm64.ComputeCrc32(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = ArmCrc32.ComputeCrc32(crc, b);
        }

        return crc;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Load(ref byte p, int offset) => Vector128.LoadUnsafe(ref p, (nuint)offset).AsUInt64();

    /// <summary>Moves <paramref name="acc"/> forward by the distance <paramref name="k"/> encodes and adds the next block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Fold(Vector128<ulong> acc, Vector128<ulong> k, Vector128<ulong> next) =>
        Pclmulqdq.CarrylessMultiply(acc, k, 0x00) ^ Pclmulqdq.CarrylessMultiply(acc, k, 0x11) ^ next;
}
