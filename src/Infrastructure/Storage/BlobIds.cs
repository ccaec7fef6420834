using System.Security.Cryptography;

namespace BleepStore.Infrastructure.Storage;

/// <summary>Blob ids: 32 lower-case hex digits from a CSPRNG. Never derived from keys, so never a path hazard.</summary>
internal static class BlobIds
{
    public const int Length = 32;

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    public static bool IsValid(string? id)
    {
        if (id is null || id.Length != Length)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }
}
