namespace BleepStore.Domain.Objects;

/// <summary>S3's object lock retention modes, as they appear on the wire.</summary>
public static class ObjectLockMode
{
    /// <summary>Users with <c>x-amz-bypass-governance-retention: true</c> may shorten, remove or delete through it.</summary>
    public const string Governance = "GOVERNANCE";

    /// <summary>Nobody may shorten or remove it, or delete the version, before its date; it may only be extended.</summary>
    public const string Compliance = "COMPLIANCE";

    /// <summary>The wire form of a mode (exactly <c>GOVERNANCE</c> or <c>COMPLIANCE</c>, as S3 requires), or null.</summary>
    public static string? Parse(string? value) => value switch
    {
        Governance => Governance,
        Compliance => Compliance,
        _ => null,
    };
}
