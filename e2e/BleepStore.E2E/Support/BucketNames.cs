namespace BleepStore.E2E.Support;

internal static class BucketNames
{
    /// <summary>A fresh, valid, collision-free bucket name such as <c>e2e-1a2b3c4d5e6f</c>.</summary>
    public static string New() => "e2e-" + Guid.NewGuid().ToString("N")[..12];
}
