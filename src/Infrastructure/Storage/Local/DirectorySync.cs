using System.ComponentModel;
using System.Runtime.InteropServices;

namespace BleepStore.Infrastructure.Storage.Local;

/// <summary>
/// fsync of a directory, which makes a rename or a new entry in it durable. .NET has no API for it
/// (FileStream refuses directories), so this calls libc on Linux and does nothing elsewhere.
/// </summary>
internal static partial class DirectorySync
{
    private const int ORdOnly = 0;
    private const int OCloExec = 0x80000;

    // O_DIRECTORY differs by architecture; without it open(2) on a directory still works read-only.
    private static readonly int ODirectory = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 or Architecture.X86 => 0x10000,
        Architecture.Arm or Architecture.Arm64 => 0x4000,
        _ => 0,
    };

    public static void Sync(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = Open(directory, ORdOnly | ODirectory | OCloExec);
        if (fd < 0)
        {
            throw new IOException($"open({directory}) failed", new Win32Exception(Marshal.GetLastPInvokeError()));
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync({directory}) failed", new Win32Exception(Marshal.GetLastPInvokeError()));
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
