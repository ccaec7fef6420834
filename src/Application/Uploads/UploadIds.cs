using System.Security.Cryptography;

namespace BleepStore.Application.Uploads;

internal static class UploadIds
{
    /// <summary>128 random bits as 32 lower-case hex characters: unguessable, URL- and file-name-safe on any file system.</summary>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
