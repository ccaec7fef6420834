using BleepStore.Application.ObjectLock;

namespace BleepStore.Api.S3;

/// <summary>Binding of the object lock request headers.</summary>
internal static class ObjectLockAccessHeaders
{
    public static ObjectLockHeaders Lock(IHeaderDictionary headers)
    {
        var mode = RequestBinder.Header(headers, "x-amz-object-lock-mode");
        var until = RequestBinder.Header(headers, "x-amz-object-lock-retain-until-date");
        var hold = RequestBinder.Header(headers, "x-amz-object-lock-legal-hold");
        return mode is null && until is null && hold is null ? ObjectLockHeaders.None : new ObjectLockHeaders(mode, until, hold);
    }

    public static bool Bypass(IHeaderDictionary headers) =>
        string.Equals(RequestBinder.Header(headers, "x-amz-bypass-governance-retention")?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>x-amz-bucket-object-lock-enabled: true</c> on CreateBucket.</summary>
    public static bool BucketLockEnabled(IHeaderDictionary headers) =>
        string.Equals(RequestBinder.Header(headers, "x-amz-bucket-object-lock-enabled")?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
