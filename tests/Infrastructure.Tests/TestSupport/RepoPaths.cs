using System.Runtime.CompilerServices;

namespace BleepStore.Infrastructure.Tests.TestSupport;

internal static class RepoPaths
{
    /// <summary>
    /// The checkout's root: the nearest parent of the test binaries that holds BleepStore.sln, else (binaries built with
    /// <c>--artifacts-path</c> outside the checkout) the nearest parent of this source file that does.
    /// </summary>
    public static string Root() =>
        Above(AppContext.BaseDirectory) ?? Above(SourceDirectory())
        ?? throw new InvalidOperationException("BleepStore.sln not found above " + AppContext.BaseDirectory + " or " + SourceDirectory());

    private static string? Above(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BleepStore.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path) ?? "/";
}
