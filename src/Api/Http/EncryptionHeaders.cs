using BleepStore.Domain.Errors;

namespace BleepStore.Api.Http;

/// <summary>
/// Server-side encryption is not built: a request that asks for it (SSE-S3, SSE-KMS, SSE-C, or SSE-C on a
/// copy source) is refused with 501 NotImplemented before anything is read or written, so nothing is stored
/// in clear text under a header that promised otherwise.
/// </summary>
internal static class EncryptionHeaders
{
    private const string Prefix = "x-amz-server-side-encryption";
    private const string CopySourcePrefix = "x-amz-copy-source-server-side-encryption";

    /// <summary>The first SSE request header sent, or null. A scan of the header names (a dozen on a typical request).</summary>
    public static string? Find(IHeaderDictionary headers)
    {
        foreach (var (name, _) in headers)
        {
            if (name.Length >= Prefix.Length
                && (name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || name.StartsWith(CopySourcePrefix, StringComparison.OrdinalIgnoreCase)))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>Throws S3's NotImplemented naming the header when the request asks for server-side encryption.</summary>
    public static void Refuse(IHeaderDictionary headers)
    {
        if (Find(headers) is { } name)
        {
            throw new S3Exception(S3Errors.NotImplemented, details: [new("Header", name.ToLowerInvariant())]);
        }
    }
}
