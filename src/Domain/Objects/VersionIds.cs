using System.Security.Cryptography;

namespace BleepStore.Domain.Objects;

/// <summary>
/// Version ids (decision 0014): 32 characters of the URL-safe base64 alphabet from 24 random bytes, opaque and
/// never parsed for order; <c>null</c> names the null version.
/// </summary>
public static class VersionIds
{
    public const string Null = "null";

    public const string Enabled = "Enabled";

    public const string Suspended = "Suspended";

    private const int Length = 32;

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[24];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
    }

    /// <summary>True for <c>null</c> and for ids of this format; anything else is S3's InvalidArgument.</summary>
    public static bool IsWellFormed(string? value)
    {
        if (value == Null)
        {
            return true;
        }

        if (value is null || value.Length != Length)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The stored form (null for the null version) of a wire id.</summary>
    public static string? ToStored(string wire) => wire == Null ? null : wire;

    /// <summary>The wire form of a stored id.</summary>
    public static string ToWire(string? stored) => stored ?? Null;
}
