namespace BleepStore.Application.Streams;

/// <summary>What to do with the body's SHA-256 once it has been read to the end; throws to reject.</summary>
internal interface IPayloadHashCheck
{
    void Verify(ReadOnlySpan<byte> sha256);
}
