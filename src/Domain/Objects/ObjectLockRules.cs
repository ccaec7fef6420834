namespace BleepStore.Domain.Objects;

/// <summary>
/// The one object lock rule: may this version be deleted, or its retention changed, now? Every path that removes
/// or re-protects a version (DeleteObject and DeleteObjects by version id, PutObjectRetention, lifecycle
/// expiration) asks here, inside the transaction that would do it, so the answer cannot go stale.
/// </summary>
public static class ObjectLockRules
{
    /// <summary>S3's message for every refusal (403 AccessDenied).</summary>
    public const string DeniedMessage = "Access Denied because object protected by object lock.";

    /// <summary>
    /// Whether <paramref name="version"/> may be removed for good at <paramref name="now"/>: not while a legal hold is
    /// ON, not before a COMPLIANCE date, not before a GOVERNANCE date unless <paramref name="bypassGovernance"/>.
    /// Delete markers carry no lock. (A plain DELETE on a versioned bucket only adds a marker and never asks.)
    /// </summary>
    public static ObjectLockVerdict MayDeleteVersion(ObjectRecord version, DateTimeOffset now, bool bypassGovernance) =>
        version.IsDeleteMarker ? ObjectLockVerdict.Allowed : MayDeleteVersion(version.Retention, version.LegalHold == true, now, bypassGovernance);

    /// <inheritdoc cref="MayDeleteVersion(ObjectRecord, DateTimeOffset, bool)"/>
    public static ObjectLockVerdict MayDeleteVersion(ObjectRetention? retention, bool legalHold, DateTimeOffset now, bool bypassGovernance)
    {
        if (legalHold)
        {
            return ObjectLockVerdict.LegalHold;
        }

        return RetentionGuard(retention, now, bypassGovernance);
    }

    /// <summary>
    /// Whether a version's retention may go from <paramref name="current"/> to <paramref name="requested"/> (null =
    /// removed): anything once the current one has expired; COMPLIANCE only to COMPLIANCE with the same or a later
    /// date, bypass or not; GOVERNANCE to GOVERNANCE with the same or a later date, or anything with bypass.
    /// A legal hold does not stop retention changes (S3 keeps the two independent).
    /// </summary>
    public static ObjectLockVerdict MayChangeRetention(ObjectRetention? current, ObjectRetention? requested, DateTimeOffset now, bool bypassGovernance)
    {
        if (current is null || !current.IsInForce(now))
        {
            return ObjectLockVerdict.Allowed;
        }

        var extends = requested is not null && requested.Mode == current.Mode && requested.RetainUntil >= current.RetainUntil;
        if (extends)
        {
            return ObjectLockVerdict.Allowed;
        }

        return RetentionGuard(current, now, bypassGovernance);
    }

    /// <summary>True when the version is protected now against a caller without bypass (lifecycle expiration never bypasses).</summary>
    public static bool IsLocked(ObjectRecord version, DateTimeOffset now) =>
        MayDeleteVersion(version, now, bypassGovernance: false) != ObjectLockVerdict.Allowed;

    private static ObjectLockVerdict RetentionGuard(ObjectRetention? retention, DateTimeOffset now, bool bypassGovernance)
    {
        if (retention is null || !retention.IsInForce(now))
        {
            return ObjectLockVerdict.Allowed;
        }

        if (retention.Mode == ObjectLockMode.Compliance)
        {
            return ObjectLockVerdict.Compliance;
        }

        return bypassGovernance ? ObjectLockVerdict.Allowed : ObjectLockVerdict.Governance;
    }
}
