namespace BleepStore.Application.Auth;

/// <summary>
/// What body verification needs after the headers were checked: the signing key, timestamp, scope
/// and the request signature (the chunk chain's seed). For a deferred payload hash it also keeps
/// the canonical request up to (not including) the payload hash line.
/// </summary>
internal sealed class SigningContext(string accessKeyId, byte[] signingKey, string timestamp, string scope, string signature)
{
    public string AccessKeyId { get; } = accessKeyId;

    public byte[] SigningKey { get; } = signingKey;

    public string Timestamp { get; } = timestamp;

    public string Scope { get; } = scope;

    /// <summary>The signature the client sent with the headers, lower-case hex.</summary>
    public string Signature { get; } = signature;

    public byte[]? CanonicalRequestWithoutPayload { get; init; }
}
