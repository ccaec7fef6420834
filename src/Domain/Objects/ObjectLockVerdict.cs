namespace BleepStore.Domain.Objects;

/// <summary>What <see cref="ObjectLockRules"/> decided, and when refused, what protects the version.</summary>
public enum ObjectLockVerdict
{
    Allowed,

    /// <summary>A legal hold is ON: no deletion by anyone, whatever the retention.</summary>
    LegalHold,

    /// <summary>COMPLIANCE retention in force: nobody may delete, shorten or remove it.</summary>
    Compliance,

    /// <summary>GOVERNANCE retention in force and no <c>x-amz-bypass-governance-retention: true</c>.</summary>
    Governance,
}
