namespace BleepStore.Application.Requests;

public static class RequestIds
{
    /// <summary>
    /// 16 upper-case hex characters, like <c>4442587FB7D0A2F9</c>. Ids only need to be unique enough to
    /// find a request in the logs, not secret, so they come from <see cref="Random.Shared"/> (per-thread
    /// xoshiro) rather than the OS's CSPRNG, which every request would otherwise pay for twice.
    /// </summary>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[8];
        Random.Shared.NextBytes(bytes);
        return Convert.ToHexString(bytes);
    }
}
