using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace BleepStore.Infrastructure.Storage.Local;

/// <summary>
/// Pinned blocks whose start and length are multiples of <see cref="Alignment"/>, as O_DIRECT needs.
/// The arrays live on the pinned object heap, so the address (and with it the alignment) never moves;
/// a few are kept for reuse, the rest go back to the GC, so a burst cannot pin memory forever.
/// </summary>
internal static class AlignedBuffers
{
    /// <summary>4 KiB: a multiple of every logical block size Linux devices report (512 or 4096).</summary>
    public const int Alignment = 4096;

    /// <summary>1 MiB: 64 writes per 64 MiB object; two per writer in flight (one filling, one writing).</summary>
    public const int BlockSize = 1 << 20;

    /// <summary>16 MiB kept idle at most.</summary>
    private const int MaxPooled = 16;

    private static readonly ConcurrentQueue<byte[]> Pool = new();
    private static int _pooled;

    public static byte[] Rent()
    {
        if (Pool.TryDequeue(out var array))
        {
            Interlocked.Decrement(ref _pooled);
            return array;
        }

        return GC.AllocateUninitializedArray<byte>(BlockSize + Alignment, pinned: true);
    }

    public static void Return(byte[] array)
    {
        if (Interlocked.Increment(ref _pooled) <= MaxPooled)
        {
            Pool.Enqueue(array);
        }
        else
        {
            Interlocked.Decrement(ref _pooled);
        }
    }

    /// <summary>The aligned <see cref="BlockSize"/> bytes inside a rented array.</summary>
    public static Memory<byte> Block(byte[] array)
    {
        // Pinned for its lifetime (POH), so the address read here stays valid.
        var address = (ulong)Marshal.UnsafeAddrOfPinnedArrayElement(array, 0);
        var skip = (int)((Alignment - (address % Alignment)) % Alignment);
        return array.AsMemory(skip, BlockSize);
    }
}
