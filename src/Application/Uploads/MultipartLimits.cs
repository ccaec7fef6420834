namespace BleepStore.Application.Uploads;

/// <summary>S3's multipart limits (spec 30).</summary>
internal static class MultipartLimits
{
    public const int MinPartNumber = 1;

    public const int MaxPartNumber = 10_000;

    /// <summary>Every listed part but the last must be at least this big; checked only at Complete.</summary>
    public const long MinPartSize = 5L * 1024 * 1024;

    /// <summary>The largest object Complete may assemble (5 TiB).</summary>
    public const long MaxObjectSize = 5L * 1024 * 1024 * 1024 * 1024;

    /// <summary>Upload lifetime before the reaper aborts it (604,800 s).</summary>
    public static readonly TimeSpan UploadLifetime = TimeSpan.FromDays(7);
}
