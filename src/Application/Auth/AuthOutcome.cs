using BleepStore.Domain.Access;

namespace BleepStore.Application.Auth;

/// <summary>
/// The result of SigV4 checks. <see cref="Caller"/> null means anonymous (the ACL decides) unless
/// <see cref="AuthDisabled"/>, where the request acts as the seeded owner. When
/// <see cref="SignatureVerified"/> is false with a caller, the signature is checked when the body
/// ends (<see cref="PayloadMode.Deferred"/>): nothing may be committed before that.
/// </summary>
internal sealed class AuthOutcome
{
    internal AuthOutcome(AuthScheme scheme, Owner? caller, PayloadMode payloadMode, bool signatureVerified, SigningContext? signing = null, string? accessKeyId = null)
    {
        AccessKeyId = accessKeyId ?? signing?.AccessKeyId;
        Scheme = scheme;
        Caller = caller;
        PayloadMode = payloadMode;
        SignatureVerified = signatureVerified;
        Signing = signing;
    }

    public AuthScheme Scheme { get; }

    /// <summary>The credential's owner; null when anonymous or auth is disabled.</summary>
    public Owner? Caller { get; }

    public PayloadMode PayloadMode { get; }

    /// <summary>True when the request signature has been checked (streaming chunks are checked as they are read).</summary>
    public bool SignatureVerified { get; }

    /// <summary><c>auth.enabled: false</c>: treat the request as the seeded owner.</summary>
    public bool AuthDisabled => Scheme == AuthScheme.Disabled;

    internal SigningContext? Signing { get; }

    /// <summary>The access key id the request was signed with (SigV4 or SigV2); null when unsigned.</summary>
    public string? AccessKeyId { get; }
}
