namespace BleepStore.Infrastructure.Tests.TestSupport;

internal static class RepoPaths
{
    /// <summary>The checkout's root: the nearest parent of the test binaries that holds BleepStore.sln.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BleepStore.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("BleepStore.sln not found above " + AppContext.BaseDirectory);
    }
}
