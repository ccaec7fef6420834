namespace BleepStore.Application.Lifecycle;

/// <summary>What one pass of the lifecycle worker did.</summary>
/// <param name="Expired">Current objects expired (removed, or hidden behind a delete marker).</param>
/// <param name="NoncurrentRemoved">Noncurrent versions removed for good.</param>
/// <param name="MarkersRemoved">Expired delete markers removed.</param>
/// <param name="UploadsAborted">Incomplete multipart uploads aborted.</param>
/// <param name="Locked">Versions due but kept by object lock.</param>
public sealed record LifecycleRun(int Expired, int NoncurrentRemoved, int MarkersRemoved, int UploadsAborted, int Locked)
{
    public int Total => Expired + NoncurrentRemoved + MarkersRemoved + UploadsAborted;
}
