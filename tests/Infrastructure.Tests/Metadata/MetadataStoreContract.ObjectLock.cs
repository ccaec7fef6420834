using BleepStore.Application.Abstractions;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Objects;
using static BleepStore.Infrastructure.Tests.TestSupport.Records;

namespace BleepStore.Infrastructure.Tests.Metadata;

/// <summary>Object lock: configuration, per-version retention and legal hold, guarded deletes, the same in every store.</summary>
public abstract partial class MetadataStoreContract
{
    private static readonly DateTimeOffset LockNow = T0.AddMinutes(1);
    private static readonly ObjectLockGuard NoBypass = new(LockNow, false);
    private static readonly ObjectRetention Compliance = new(ObjectLockMode.Compliance, T0.AddDays(1));
    private static readonly ObjectRetention Governance = new(ObjectLockMode.Governance, T0.AddDays(1));

    private async Task<string> LockedBucketAsync(ObjectLockConfiguration? configuration = null)
    {
        var bucket = Bucket("lk") with { Versioning = VersionIds.Enabled, ObjectLock = configuration ?? ObjectLockConfiguration.EnabledWithoutRule };
        Assert.True(await Store.TryCreateBucketAsync(bucket, Ct));
        return "lk";
    }

    [Fact]
    public async Task ObjectLock_CreateBucketWithLock_RoundTripsVersioningAndConfigurationAndVersionsWrites()
    {
        var b = await LockedBucketAsync();

        var read = (await Store.GetBucketAsync(b, Ct))!;
        Assert.Equal((VersionIds.Enabled, ObjectLockConfiguration.EnabledWithoutRule), (read.Versioning, read.ObjectLock));
        var write = await Store.PutObjectAsync(Object(b, "k"), WriteCondition.None, Ct);
        Assert.NotEqual(VersionIds.Null, write.VersionId);
    }

    [Fact]
    public async Task ObjectLock_SetConfiguration_OnlyWhileVersioningEnabled()
    {
        await Store.TryCreateBucketAsync(Bucket("plain"), Ct);
        var rule = new ObjectLockConfiguration(new DefaultRetention(ObjectLockMode.Governance, null, 2));

        Assert.Equal(BucketObjectLockOutcome.NoSuchBucket, await Store.SetBucketObjectLockAsync("nope", rule, Ct));
        Assert.Equal(BucketObjectLockOutcome.VersioningNotEnabled, await Store.SetBucketObjectLockAsync("plain", rule, Ct));
        await Store.SetBucketVersioningAsync("plain", VersionIds.Suspended, Ct);
        Assert.Equal(BucketObjectLockOutcome.VersioningNotEnabled, await Store.SetBucketObjectLockAsync("plain", rule, Ct));
        Assert.Null((await Store.GetBucketAsync("plain", Ct))!.ObjectLock);

        await Store.SetBucketVersioningAsync("plain", VersionIds.Enabled, Ct);
        Assert.Equal(BucketObjectLockOutcome.Done, await Store.SetBucketObjectLockAsync("plain", rule, Ct));
        Assert.Equal(rule, (await Store.GetBucketAsync("plain", Ct))!.ObjectLock);
    }

    [Fact]
    public async Task ObjectLock_VersioningOfALockedBucket_CannotBeSuspended()
    {
        var b = await LockedBucketAsync();

        Assert.False(await Store.SetBucketVersioningAsync(b, VersionIds.Suspended, Ct));
        Assert.True(await Store.SetBucketVersioningAsync(b, VersionIds.Enabled, Ct));
        Assert.Equal(VersionIds.Enabled, (await Store.GetBucketAsync(b, Ct))!.Versioning);
    }

    [Fact]
    public async Task ObjectLock_PutWithRetentionAndHold_ReadBackOnCurrentAndNoncurrentVersions()
    {
        var b = await LockedBucketAsync();
        var v1 = (await Store.PutObjectAsync(Object(b, "k") with { Retention = Compliance, LegalHold = true }, WriteCondition.None, Ct)).VersionId!;
        await Store.PutObjectAsync(Object(b, "k"), WriteCondition.None, Ct);

        var old = (await Store.GetObjectVersionAsync(b, "k", v1, Ct))!;
        Assert.Equal((Compliance, (bool?)true), (old.Retention, old.LegalHold));
        var current = (await Store.GetObjectAsync(b, "k", Ct))!;
        Assert.Equal((null, (bool?)null), (current.Retention, current.LegalHold));
    }

    [Fact]
    public async Task ObjectLock_GuardedDelete_KeepsLockedVersionsAndRemovesOthers()
    {
        var b = await LockedBucketAsync();
        var compliance = (await Store.PutObjectAsync(Object(b, "k") with { BlobId = "c", Retention = Compliance }, WriteCondition.None, Ct)).VersionId!;
        var governance = (await Store.PutObjectAsync(Object(b, "k") with { BlobId = "g", Retention = Governance }, WriteCondition.None, Ct)).VersionId!;
        var held = (await Store.PutObjectAsync(Object(b, "k") with { BlobId = "h", LegalHold = true }, WriteCondition.None, Ct)).VersionId!;

        var refused = await Store.DeleteVersionAsync(b, "k", compliance, new ObjectLockGuard(LockNow, true), Ct);
        Assert.Equal((ObjectLockVerdict.Compliance, (ObjectRecord?)null), (refused.Locked, refused.Released));
        Assert.Equal(ObjectLockVerdict.LegalHold, (await Store.DeleteVersionAsync(b, "k", held, new ObjectLockGuard(LockNow, true), Ct)).Locked);
        Assert.Equal(ObjectLockVerdict.Governance, (await Store.DeleteVersionAsync(b, "k", governance, NoBypass, Ct)).Locked);
        Assert.Equal(3, (await AllVersionsAsync(b)).Count);
        Assert.Equal("h", (await Store.GetObjectAsync(b, "k", Ct))!.BlobId);

        var bypassed = await Store.DeleteVersionAsync(b, "k", governance, new ObjectLockGuard(LockNow, true), Ct);
        Assert.Equal((ObjectLockVerdict.Allowed, "g"), (bypassed.Locked, bypassed.Released!.BlobId));
        var expired = await Store.DeleteVersionAsync(b, "k", compliance, new ObjectLockGuard(T0.AddDays(1), false), Ct);
        Assert.Equal("c", expired.Released!.BlobId);
        Assert.Equal([held], (await AllVersionsAsync(b)).Select(v => v.Record.VersionId));
    }

    [Fact]
    public async Task ObjectLock_SetRetention_AppliesTheRuleInTheStore()
    {
        var b = await LockedBucketAsync();
        var v1 = (await Store.PutObjectAsync(Object(b, "k") with { Retention = Compliance }, WriteCondition.None, Ct)).VersionId!;
        await Store.PutObjectAsync(Object(b, "k"), WriteCondition.None, Ct);
        var later = Compliance with { RetainUntil = T0.AddDays(3) };

        var shortened = await Store.SetObjectLockAsync(b, "k", v1, new ObjectLockChange(true, Compliance with { RetainUntil = T0.AddHours(1) }, null, new ObjectLockGuard(LockNow, true)), Ct);
        Assert.Equal((ObjectLockChangeOutcome.Denied, ObjectLockVerdict.Compliance), shortened);
        Assert.Equal(Compliance, (await Store.GetObjectVersionAsync(b, "k", v1, Ct))!.Retention);

        Assert.Equal(ObjectLockChangeOutcome.Done, (await Store.SetObjectLockAsync(b, "k", v1, new ObjectLockChange(true, later, null, NoBypass), Ct)).Outcome);
        Assert.Equal(later, (await Store.GetObjectVersionAsync(b, "k", v1, Ct))!.Retention);

        // The current version (no version id): a legal hold alone keeps the retention as it is.
        Assert.Equal(ObjectLockChangeOutcome.Done, (await Store.SetObjectLockAsync(b, "k", null, new ObjectLockChange(false, null, true, NoBypass), Ct)).Outcome);
        Assert.Equal(ObjectLockChangeOutcome.Done, (await Store.SetObjectLockAsync(b, "k", null, new ObjectLockChange(true, Governance, null, NoBypass), Ct)).Outcome);
        var current = (await Store.GetObjectAsync(b, "k", Ct))!;
        Assert.Equal((Governance, (bool?)true), (current.Retention, current.LegalHold));
        Assert.Equal(ObjectLockChangeOutcome.Done, (await Store.SetObjectLockAsync(b, "k", null, new ObjectLockChange(false, null, false, NoBypass), Ct)).Outcome);
        Assert.Equal((bool?)false, (await Store.GetObjectAsync(b, "k", Ct))!.LegalHold);
    }

    [Fact]
    public async Task ObjectLock_SetLock_MissingVersionOrMarker()
    {
        var b = await LockedBucketAsync();
        await Store.PutObjectAsync(Object(b, "k"), WriteCondition.None, Ct);
        var marker = await Store.DeleteCurrentAsync(b, "k", Alice, MarkerTime, Ct);
        var change = new ObjectLockChange(false, null, true, NoBypass);

        Assert.Equal(ObjectLockChangeOutcome.NotFound, (await Store.SetObjectLockAsync(b, "k", null, change, Ct)).Outcome);
        Assert.Equal(ObjectLockChangeOutcome.NotFound, (await Store.SetObjectLockAsync(b, "none", VersionIds.Null, change, Ct)).Outcome);
        Assert.Equal(ObjectLockChangeOutcome.DeleteMarker, (await Store.SetObjectLockAsync(b, "k", marker.VersionId, change, Ct)).Outcome);
    }

    [Fact]
    public async Task ObjectLock_Upload_CarriesRetentionAndHold()
    {
        var b = await LockedBucketAsync();
        await Store.CreateUploadAsync(Upload(b, "k", "u1") with { Retention = Governance, LegalHold = false }, Ct);

        var read = (await Store.GetUploadAsync("u1", Ct))!;
        Assert.Equal((Governance, (bool?)false), (read.Retention, read.LegalHold));
    }
}
