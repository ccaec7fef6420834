using BleepStore.Application.Abstractions;
using BleepStore.Application.Lifecycle;
using BleepStore.Application.Objects;
using BleepStore.Domain.Lifecycle;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Tagging;
using BleepStore.Infrastructure.Storage.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using static BleepStore.Infrastructure.Tests.TestSupport.Records;

namespace BleepStore.Infrastructure.Tests.Metadata;

/// <summary>The lifecycle worker against this store, with a clock the test moves (T0 + 1 day is due at 2026-01-04T00:00Z).</summary>
public abstract partial class MetadataStoreContract
{
    private static readonly DateTimeOffset DayOneDue = new(2026, 1, 4, 0, 0, 0, TimeSpan.Zero);

    private static LifecycleRule ExpireRule(LifecycleFilter filter, int days = 1) => new("e", true, filter, new LifecycleExpiration(days, null, null), null, null);

    private static LifecycleFilter PrefixFilter(string prefix) => new(LifecycleFilterShape.Prefix, prefix, [], null, null);

    private LifecycleWorker Worker(MovableClock clock, int batch = 1000) =>
        new(Store, new MemoryObjectStorage(), clock, new BlobReaper(NullLogger<BlobReaper>.Instance), new LifecycleOptions { BatchSize = batch }, NullLogger<LifecycleWorker>.Instance);

    private async Task<IReadOnlyList<ObjectVersion>> VersionsAsync(string bucket) =>
        await Store.ListObjectVersionsAsync(bucket, "", null, false, null, 1000, Ct);

    [Fact]
    public async Task Lifecycle_Unversioned_ExpiresMatchingObjectsOnlyOnceDue()
    {
        await Store.TryCreateBucketAsync(Bucket("lc"), Ct);
        await Store.PutObjectAsync(Object("lc", "logs/a"), WriteCondition.None, Ct);
        await Store.PutObjectAsync(Object("lc", "t/tagged") with { Tags = [new("a", "1"), new("keep", "no")] }, WriteCondition.None, Ct);
        await Store.PutObjectAsync(Object("lc", "t/untagged"), WriteCondition.None, Ct);
        await Store.PutObjectAsync(Object("lc", "logs/big", size: 500), WriteCondition.None, Ct);
        await Store.PutObjectAsync(Object("lc", "other"), WriteCondition.None, Ct);
        await Store.SetBucketLifecycleAsync("lc",
        [
            ExpireRule(new LifecycleFilter(LifecycleFilterShape.And, "logs/", [], null, 100)),
            ExpireRule(new LifecycleFilter(LifecycleFilterShape.Tag, null, [new("keep", "no")], null, null)),
            new("off", false, LifecycleFilter.All, new LifecycleExpiration(1, null, null), null, null),
        ], Ct);
        var clock = new MovableClock(DayOneDue.AddTicks(-1));

        Assert.Equal(0, (await Worker(clock).RunAsync(Ct)).Total);
        Assert.Equal(5, (await Store.ListObjectsAsync("lc", "", null, false, 10, Ct)).Count);

        clock.UtcNow = DayOneDue;
        var run = await Worker(clock).RunAsync(Ct);

        Assert.Equal(2, run.Expired);
        Assert.Equal(["logs/big", "other", "t/untagged"], (await Store.ListObjectsAsync("lc", "", null, false, 10, Ct)).Select(o => o.Key));
        Assert.Equal(0, (await Worker(clock).RunAsync(Ct)).Total);
    }

    [Fact]
    public async Task Lifecycle_ExpireCurrent_RefusesAnObjectWrittenAfterTheScan()
    {
        await Store.TryCreateBucketAsync(Bucket("lc"), Ct);
        await Store.PutObjectAsync(Object("lc", "k"), WriteCondition.None, Ct);
        var seen = (await Store.GetObjectAsync("lc", "k", Ct))!;
        await Store.PutObjectAsync(Object("lc", "k", "\"ffffffffffffffffffffffffffffffff\"") with { LastModified = T0.AddSeconds(1) }, WriteCondition.None, Ct);

        Assert.Null(await Store.ExpireCurrentAsync("lc", "k", seen.VersionId, seen.LastModified, Alice, DayOneDue, Ct));
        Assert.Equal("\"ffffffffffffffffffffffffffffffff\"", (await Store.GetObjectAsync("lc", "k", Ct))!.ETag);
        Assert.NotNull(await Store.ExpireCurrentAsync("lc", "k", null, T0.AddSeconds(1), Alice, DayOneDue, Ct));
        Assert.Null(await Store.GetObjectAsync("lc", "k", Ct));
    }

    [Fact]
    public async Task Lifecycle_Versioned_CurrentExpiryAddsAMarker_NoncurrentKeepsNewest_LoneMarkerGoesNextPass()
    {
        await Store.TryCreateBucketAsync(Bucket("lv"), Ct);
        await Store.SetBucketVersioningAsync("lv", VersionIds.Enabled, Ct);
        for (var i = 0; i < 3; i++)
        {
            await Store.PutObjectAsync(Object("lv", "k") with { LastModified = T0.AddHours(i) }, WriteCondition.None, Ct);
        }

        await Store.PutObjectAsync(Object("lv", "gone") with { LastModified = T0 }, WriteCondition.None, Ct);
        await Store.DeleteCurrentAsync("lv", "gone", Alice, T0.AddHours(1), Ct);
        await Store.SetBucketLifecycleAsync("lv",
        [
            new("nc", true, LifecycleFilter.All, null, new NoncurrentVersionExpiration(1, 1), null),
            new("markers", true, PrefixFilter("gone"), new LifecycleExpiration(null, null, true), null, null),
            ExpireRule(PrefixFilter("k"), days: 3),
        ], Ct);
        var clock = new MovableClock(DayOneDue);

        var first = await Worker(clock).RunAsync(Ct);

        // k: v0 removed (the second noncurrent), v1 kept (NewerNoncurrentVersions 1), v2 current. gone: its one version is
        // the newest noncurrent there, so it stays, and the marker is not alone yet.
        Assert.Equal((0, 1, 0), (first.Expired, first.NoncurrentRemoved, first.MarkersRemoved));
        var k = (await VersionsAsync("lv")).Where(v => v.Record.Key == "k").ToList();
        Assert.Equal([T0.AddHours(2), T0.AddHours(1)], k.Select(v => v.Record.LastModified));

        clock.UtcNow = new DateTimeOffset(2026, 1, 6, 0, 0, 0, TimeSpan.Zero);
        var second = await Worker(clock).RunAsync(Ct);

        // k's current version is 3 days old: a delete marker hides it (v1 is still the newest noncurrent in this scan).
        Assert.Equal((1, 0), (second.Expired, second.NoncurrentRemoved));
        Assert.Null(await Store.GetObjectAsync("lv", "k", Ct));
        var latest = (await Store.GetLatestVersionAsync("lv", "k", Ct))!;
        Assert.True(latest.IsDeleteMarker);
        Assert.Equal(clock.UtcNow, latest.LastModified);

        // gone's version is removed by hand: the next pass finds its marker alone and removes it, and k's v1 is now the
        // second noncurrent entry behind the marker and v2.
        var goneVersion = (await VersionsAsync("lv")).Single(v => v.Record.Key == "gone" && !v.Record.IsDeleteMarker).Record;
        await Store.DeleteVersionAsync("lv", "gone", VersionIds.ToWire(goneVersion.VersionId), Ct);
        var third = await Worker(clock).RunAsync(Ct);
        Assert.Equal((1, 1), (third.MarkersRemoved, third.NoncurrentRemoved));
        Assert.DoesNotContain(await VersionsAsync("lv"), v => v.Record.Key == "gone");
        Assert.Equal([true, false], (await VersionsAsync("lv")).Select(v => v.Record.IsDeleteMarker));
    }

    [Fact]
    public async Task Lifecycle_NoncurrentUnderObjectLock_IsKeptAndCounted()
    {
        await Store.TryCreateBucketAsync(Bucket("ll"), Ct);
        await Store.SetBucketVersioningAsync("ll", VersionIds.Enabled, Ct);
        await Store.PutObjectAsync(Object("ll", "held") with { LegalHold = true }, WriteCondition.None, Ct);
        await Store.PutObjectAsync(Object("ll", "held") with { LastModified = T0.AddHours(1) }, WriteCondition.None, Ct);
        await Store.PutObjectAsync(Object("ll", "kept") with { Retention = new ObjectRetention(ObjectLockMode.Governance, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)) }, WriteCondition.None, Ct);
        await Store.PutObjectAsync(Object("ll", "kept") with { LastModified = T0.AddHours(1) }, WriteCondition.None, Ct);
        await Store.PutObjectAsync(Object("ll", "free"), WriteCondition.None, Ct);
        await Store.PutObjectAsync(Object("ll", "free") with { LastModified = T0.AddHours(1) }, WriteCondition.None, Ct);
        await Store.SetBucketLifecycleAsync("ll", [new("nc", true, LifecycleFilter.All, null, new NoncurrentVersionExpiration(1, null), null)], Ct);

        var run = await Worker(new MovableClock(DayOneDue)).RunAsync(Ct);

        Assert.Equal((1, 2), (run.NoncurrentRemoved, run.Locked));
        var versions = await VersionsAsync("ll");
        Assert.Equal(2, versions.Count(v => v.Record.Key == "held"));
        Assert.Equal(2, versions.Count(v => v.Record.Key == "kept"));
        Assert.Single(versions, v => v.Record.Key == "free");
    }

    [Fact]
    public async Task Lifecycle_AbortsIncompleteUploadsUnderThePrefixOnceDue()
    {
        await Store.TryCreateBucketAsync(Bucket("lu"), Ct);
        await Store.CreateUploadAsync(Upload("lu", "tmp/x", "u-old", T0), Ct);
        await Store.PutPartAsync(Part("u-old", 1), Ct);
        await Store.CreateUploadAsync(Upload("lu", "tmp/y", "u-new", DayOneDue), Ct);
        await Store.CreateUploadAsync(Upload("lu", "keep/z", "u-other", T0), Ct);
        await Store.SetBucketLifecycleAsync("lu", [new("mpu", true, PrefixFilter("tmp/"), null, null, 1)], Ct);

        var run = await Worker(new MovableClock(DayOneDue)).RunAsync(Ct);

        Assert.Equal(1, run.UploadsAborted);
        Assert.Null(await Store.GetUploadAsync("u-old", Ct));
        Assert.NotNull(await Store.GetUploadAsync("u-new", Ct));
        Assert.NotNull(await Store.GetUploadAsync("u-other", Ct));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(1000)]
    public async Task Lifecycle_SmallPages_SameOutcomeAsOnePage(int batch)
    {
        await Store.TryCreateBucketAsync(Bucket("lp"), Ct);
        await Store.SetBucketVersioningAsync("lp", VersionIds.Enabled, Ct);
        foreach (var key in new[] { "a", "b", "c", "d" })
        {
            for (var i = 0; i < 3; i++)
            {
                await Store.PutObjectAsync(Object("lp", key) with { LastModified = T0.AddHours(i) }, WriteCondition.None, Ct);
            }
        }

        await Store.DeleteCurrentAsync("lp", "b", Alice, T0.AddHours(5), Ct);
        await Store.SetBucketLifecycleAsync("lp", [new("nc", true, LifecycleFilter.All, null, new NoncurrentVersionExpiration(1, 1), null)], Ct);

        var run = await Worker(new MovableClock(DayOneDue), batch).RunAsync(Ct);

        // Each key keeps its current entry and one noncurrent version (b: the marker, then its newest version).
        Assert.Equal(5, run.NoncurrentRemoved);
        var versions = await VersionsAsync("lp");
        Assert.Equal(8, versions.Count);
        Assert.All(new[] { "a", "c", "d" }, key => Assert.Equal([T0.AddHours(2), T0.AddHours(1)], versions.Where(v => v.Record.Key == key).Select(v => v.Record.LastModified)));
    }

    private sealed class MovableClock(DateTimeOffset now) : IClock
    {
        public DateTimeOffset UtcNow { get; set; } = now;
    }
}
