using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Objects;

namespace BleepStore.Domain.Tests.Objects;

public sealed class ObjectLockRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly ObjectRetention GovernanceDay = new(ObjectLockMode.Governance, Now.AddDays(1));
    private static readonly ObjectRetention ComplianceDay = new(ObjectLockMode.Compliance, Now.AddDays(1));

    private static ObjectRecord Version(ObjectRetention? retention = null, bool? legalHold = null, bool marker = false) => new()
    {
        Bucket = "b",
        Key = "k",
        Size = 0,
        ETag = "\"e\"",
        Content = ContentHeaders.Default,
        Acl = AccessControlList.Private(new Owner("id", "name")),
        LastModified = Now,
        BlobId = "",
        VersionId = "v",
        Retention = retention,
        LegalHold = legalHold,
        IsDeleteMarker = marker,
    };

    [Fact]
    public void MayDeleteVersion_Unlocked_Allowed()
    {
        Assert.Equal(ObjectLockVerdict.Allowed, ObjectLockRules.MayDeleteVersion(Version(), Now, bypassGovernance: false));
        Assert.Equal(ObjectLockVerdict.Allowed, ObjectLockRules.MayDeleteVersion(Version(legalHold: false), Now, bypassGovernance: false));
    }

    [Fact]
    public void MayDeleteVersion_GovernanceInForce_OnlyWithBypass()
    {
        Assert.Equal(ObjectLockVerdict.Governance, ObjectLockRules.MayDeleteVersion(Version(GovernanceDay), Now, bypassGovernance: false));
        Assert.Equal(ObjectLockVerdict.Allowed, ObjectLockRules.MayDeleteVersion(Version(GovernanceDay), Now, bypassGovernance: true));
    }

    [Fact]
    public void MayDeleteVersion_ComplianceInForce_NeverEvenWithBypass()
    {
        Assert.Equal(ObjectLockVerdict.Compliance, ObjectLockRules.MayDeleteVersion(Version(ComplianceDay), Now, bypassGovernance: false));
        Assert.Equal(ObjectLockVerdict.Compliance, ObjectLockRules.MayDeleteVersion(Version(ComplianceDay), Now, bypassGovernance: true));
    }

    [Fact]
    public void MayDeleteVersion_RetentionExpired_Allowed()
    {
        Assert.Equal(ObjectLockVerdict.Allowed, ObjectLockRules.MayDeleteVersion(Version(ComplianceDay), Now.AddDays(1), bypassGovernance: false));
        Assert.Equal(ObjectLockVerdict.Compliance, ObjectLockRules.MayDeleteVersion(Version(ComplianceDay), Now.AddDays(1).AddTicks(-1), bypassGovernance: false));
    }

    [Fact]
    public void MayDeleteVersion_LegalHoldOn_RefusedEvenWithBypassOrExpiredRetention()
    {
        Assert.Equal(ObjectLockVerdict.LegalHold, ObjectLockRules.MayDeleteVersion(Version(legalHold: true), Now, bypassGovernance: true));
        Assert.Equal(ObjectLockVerdict.LegalHold, ObjectLockRules.MayDeleteVersion(Version(GovernanceDay, true), Now.AddDays(2), bypassGovernance: true));
    }

    [Fact]
    public void MayDeleteVersion_DeleteMarker_Allowed()
    {
        Assert.Equal(ObjectLockVerdict.Allowed, ObjectLockRules.MayDeleteVersion(Version(ComplianceDay, true, marker: true), Now, bypassGovernance: false));
    }

    [Fact]
    public void IsLocked_IsTheRefusalWithoutBypass()
    {
        Assert.True(ObjectLockRules.IsLocked(Version(GovernanceDay), Now));
        Assert.False(ObjectLockRules.IsLocked(Version(GovernanceDay), Now.AddDays(1)));
        Assert.True(ObjectLockRules.IsLocked(Version(legalHold: true), Now));
        Assert.False(ObjectLockRules.IsLocked(Version(), Now));
    }

    [Fact]
    public void MayChangeRetention_Compliance_OnlyExtendedNeverShortenedOrRemoved()
    {
        var later = ComplianceDay with { RetainUntil = Now.AddDays(5) };
        var earlier = ComplianceDay with { RetainUntil = Now.AddHours(1) };
        Assert.Equal(ObjectLockVerdict.Allowed, ObjectLockRules.MayChangeRetention(ComplianceDay, later, Now, bypassGovernance: false));
        Assert.Equal(ObjectLockVerdict.Allowed, ObjectLockRules.MayChangeRetention(ComplianceDay, ComplianceDay, Now, bypassGovernance: false));
        Assert.Equal(ObjectLockVerdict.Compliance, ObjectLockRules.MayChangeRetention(ComplianceDay, earlier, Now, bypassGovernance: true));
        Assert.Equal(ObjectLockVerdict.Compliance, ObjectLockRules.MayChangeRetention(ComplianceDay, null, Now, bypassGovernance: true));
        Assert.Equal(ObjectLockVerdict.Compliance, ObjectLockRules.MayChangeRetention(ComplianceDay, GovernanceDay with { RetainUntil = Now.AddDays(9) }, Now, bypassGovernance: true));
    }

    [Fact]
    public void MayChangeRetention_Governance_ExtendedFreelyShortenedOrRemovedOnlyWithBypass()
    {
        var later = GovernanceDay with { RetainUntil = Now.AddDays(5) };
        var earlier = GovernanceDay with { RetainUntil = Now.AddHours(1) };
        Assert.Equal(ObjectLockVerdict.Allowed, ObjectLockRules.MayChangeRetention(GovernanceDay, later, Now, bypassGovernance: false));
        Assert.Equal(ObjectLockVerdict.Governance, ObjectLockRules.MayChangeRetention(GovernanceDay, earlier, Now, bypassGovernance: false));
        Assert.Equal(ObjectLockVerdict.Governance, ObjectLockRules.MayChangeRetention(GovernanceDay, null, Now, bypassGovernance: false));
        Assert.Equal(ObjectLockVerdict.Governance, ObjectLockRules.MayChangeRetention(GovernanceDay, ComplianceDay, Now, bypassGovernance: false));
        Assert.Equal(ObjectLockVerdict.Allowed, ObjectLockRules.MayChangeRetention(GovernanceDay, earlier, Now, bypassGovernance: true));
        Assert.Equal(ObjectLockVerdict.Allowed, ObjectLockRules.MayChangeRetention(GovernanceDay, null, Now, bypassGovernance: true));
    }

    [Fact]
    public void MayChangeRetention_NoneOrExpired_AnythingGoes()
    {
        Assert.Equal(ObjectLockVerdict.Allowed, ObjectLockRules.MayChangeRetention(null, ComplianceDay, Now, bypassGovernance: false));
        Assert.Equal(ObjectLockVerdict.Allowed, ObjectLockRules.MayChangeRetention(ComplianceDay, null, Now.AddDays(2), bypassGovernance: false));
    }

    [Fact]
    public void DefaultRetention_For_AddsDaysOrYearsToTheCreationTime()
    {
        Assert.Equal(new ObjectRetention(ObjectLockMode.Governance, Now.AddDays(3)), new DefaultRetention(ObjectLockMode.Governance, 3, null).For(Now));
        Assert.Equal(new ObjectRetention(ObjectLockMode.Compliance, Now.AddYears(2)), new DefaultRetention(ObjectLockMode.Compliance, null, 2).For(Now));
    }

    [Theory]
    [InlineData("GOVERNANCE", "GOVERNANCE")]
    [InlineData("COMPLIANCE", "COMPLIANCE")]
    [InlineData("governance", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void ObjectLockMode_Parse_ExactWireFormOnly(string? value, string? expected) =>
        Assert.Equal(expected, ObjectLockMode.Parse(value));
}
