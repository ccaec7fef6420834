using BleepStore.Domain.Errors;

namespace BleepStore.Application.ObjectLock;

/// <summary>S3 demands Content-MD5 or a checksum on writes that carry object lock parameters and on the object lock PUTs.</summary>
internal static class ObjectLockChecksums
{
    /// <summary>Content-MD5, an <c>x-amz-checksum-*</c> value, or a trailing checksum announced by <c>x-amz-trailer</c>.</summary>
    public static bool Present(IReadOnlyDictionary<string, string> headers, string? contentMd5)
    {
        if (!string.IsNullOrEmpty(contentMd5))
        {
            return true;
        }

        foreach (var (name, value) in headers)
        {
            if (name.Equals("content-md5", StringComparison.OrdinalIgnoreCase)
                || (name.StartsWith("x-amz-checksum-", StringComparison.OrdinalIgnoreCase) && !name.Equals("x-amz-checksum-algorithm", StringComparison.OrdinalIgnoreCase)
                    && !name.Equals("x-amz-checksum-type", StringComparison.OrdinalIgnoreCase))
                || (name.Equals("x-amz-trailer", StringComparison.OrdinalIgnoreCase) && value.StartsWith("x-amz-checksum-", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>InvalidRequest with S3's message for a PUT/part upload (<paramref name="what"/>: "Put Object", "Put Part") without one.</summary>
    public static void Require(IReadOnlyDictionary<string, string> headers, string? contentMd5, string what)
    {
        if (!Present(headers, contentMd5))
        {
            throw new S3Exception(S3Errors.InvalidRequest, $"Content-MD5 OR x-amz-checksum- HTTP header is required for {what} requests with Object Lock parameters");
        }
    }

    /// <summary>The object lock configuration, retention and legal hold PUTs (S3's checksum-required operations).</summary>
    public static void RequireForDocument(IReadOnlyDictionary<string, string> integrityHeaders)
    {
        if (!Present(integrityHeaders, null))
        {
            throw new S3Exception(S3Errors.InvalidRequest, "Missing required header for this request: Content-MD5");
        }
    }
}
