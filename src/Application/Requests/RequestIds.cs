using System.Security.Cryptography;

namespace BleepStore.Application.Requests;

public static class RequestIds
{
    /// <summary>16 upper-case hex characters, like <c>4442587FB7D0A2F9</c>.</summary>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexString(bytes);
    }
}
