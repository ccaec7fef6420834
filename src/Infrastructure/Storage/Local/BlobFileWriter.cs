using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BleepStore.Infrastructure.Storage.Local;

/// <summary>
/// Writes a new file from streams and makes it durable (fsync) before returning. On Linux the full
/// 1 MiB blocks go out with O_DIRECT: the disk reads them straight from a pinned buffer (no copy into
/// the page cache, no dirty pages for the final fsync to wait for) while the next block is read and
/// hashed into the other buffer. The last partial block is written through the page cache. Where
/// O_DIRECT is refused (tmpfs, some FUSE and network filesystems, other OSes) the same loop writes
/// through the page cache and the fsync at the end does the flushing.
/// </summary>
internal static partial class BlobFileWriter
{
    private const int FGetFl = 3;
    private const int FSetFl = 4;
    private const int Einval = 22;

    // O_DIRECT differs by architecture; where it is unknown the writer stays buffered.
    private static readonly int ODirect = !OperatingSystem.IsLinux() ? 0 : RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 or Architecture.X86 => 0x4000,
        Architecture.Arm64 or Architecture.Arm => 0x10000,
        _ => 0,
    };

    /// <summary>
    /// Creates <paramref name="path"/> (it must not exist), copies <paramref name="source"/> to its end,
    /// fsyncs and returns the size. On failure the partial file is left for the caller to delete;
    /// exceptions from the source propagate unchanged. <paramref name="tryDirectIo"/> false keeps the
    /// page cache path even where O_DIRECT would work (tests use it to cover that path).
    /// </summary>
    public static async Task<long> WriteAsync(string path, Stream source, bool tryDirectIo, CancellationToken ct)
    {
        using var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None);
        var direct = tryDirectIo && TrySetDirect(handle, on: true);
        var buffers = default(BufferPair);
        ValueTask pending = default;
        try
        {
            long offset = 0;
            while (true)
            {
                var block = buffers.Next();
                var filled = await StreamCopy.FillAsync(source, block, ct).ConfigureAwait(false);

                // The previous write must finish first: its buffer is the one filled next.
                var previous = pending;
                pending = default;
                await previous.ConfigureAwait(false);

                if (filled < block.Length)
                {
                    if (filled > 0)
                    {
                        await WriteTailAsync(handle, block[..filled], offset, direct, ct).ConfigureAwait(false);
                    }

                    RandomAccess.FlushToDisk(handle);
                    return offset + filled;
                }

                pending = RandomAccess.WriteAsync(handle, block, offset, ct);
                offset += filled;
            }
        }
        finally
        {
            // Only reached with a write in flight when something failed: never hand its buffer back
            // (or close the file) while the disk may still be reading from it.
            try
            {
                await pending.ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The first failure is already on its way out.
            }
            catch (OperationCanceledException)
            {
            }

            buffers.Return();
        }
    }

    private static async Task WriteTailAsync(SafeFileHandle handle, ReadOnlyMemory<byte> tail, long offset, bool direct, CancellationToken ct)
    {
        if (direct)
        {
            // Whole 4 KiB blocks can still go direct; the rest goes through the page cache.
            var aligned = tail.Length & ~(AlignedBuffers.Alignment - 1);
            if (aligned > 0)
            {
                await RandomAccess.WriteAsync(handle, tail[..aligned], offset, ct).ConfigureAwait(false);
            }

            if (aligned == tail.Length)
            {
                return;
            }

            tail = tail[aligned..];
            offset += aligned;
            if (!TrySetDirect(handle, on: false))
            {
                throw new IOException("fcntl could not clear O_DIRECT for the last block.");
            }
        }

        await RandomAccess.WriteAsync(handle, tail, offset, ct).ConfigureAwait(false);
    }

    /// <summary>Sets or clears O_DIRECT on an open file; false where it is unsupported (EINVAL) or unknown here.</summary>
    private static bool TrySetDirect(SafeFileHandle handle, bool on)
    {
        if (ODirect == 0)
        {
            return false;
        }

        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            var fd = (int)handle.DangerousGetHandle();
            var flags = Fcntl(fd, FGetFl, 0);
            if (flags < 0)
            {
                throw new IOException("fcntl(F_GETFL) failed", new Win32Exception(Marshal.GetLastPInvokeError()));
            }

            var wanted = on ? flags | ODirect : flags & ~ODirect;
            if (Fcntl(fd, FSetFl, wanted) == 0)
            {
                return true;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == Einval)
            {
                return false;
            }

            throw new IOException("fcntl(F_SETFL) failed", new Win32Exception(errno));
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int cmd, int arg);

    /// <summary>Two aligned blocks, rented on first use and handed out alternately.</summary>
    private struct BufferPair
    {
        private byte[]? _a;
        private byte[]? _b;
        private bool _useB;

        public Memory<byte> Next()
        {
            var array = _useB ? (_b ??= AlignedBuffers.Rent()) : (_a ??= AlignedBuffers.Rent());
            _useB = !_useB;
            return AlignedBuffers.Block(array);
        }

        public readonly void Return()
        {
            if (_a is not null)
            {
                AlignedBuffers.Return(_a);
            }

            if (_b is not null)
            {
                AlignedBuffers.Return(_b);
            }
        }
    }
}
