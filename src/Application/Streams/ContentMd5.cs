using BleepStore.Domain.Errors;

namespace BleepStore.Application.Streams;

/// <summary>The <c>Content-MD5</c> header: base64 of the 16 raw digest bytes (spec 20 step 5).</summary>
internal static class ContentMd5
{
    /// <summary>The 16 digest bytes, or null when the header is absent; 400 InvalidDigest when malformed.</summary>
    public static byte[]? Parse(string? header)
    {
        if (header is null)
        {
            return null;
        }

        var digest = new byte[16];
        if (!Convert.TryFromBase64String(header.Trim(), digest, out var written) || written != 16)
        {
            throw new S3Exception(S3Errors.InvalidDigest);
        }

        return digest;
    }
}
