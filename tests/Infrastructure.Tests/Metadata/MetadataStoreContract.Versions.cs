using BleepStore.Application.Abstractions;
using BleepStore.Domain.Objects;
using static BleepStore.Infrastructure.Tests.TestSupport.Records;

namespace BleepStore.Infrastructure.Tests.Metadata;

/// <summary>Versioning (decision 0014): the same model in every store.</summary>
public abstract partial class MetadataStoreContract
{
    private static readonly DateTimeOffset MarkerTime = T0.AddMinutes(5);

    private async Task<string> VersionedBucketAsync(string status = VersionIds.Enabled)
    {
        await Store.TryCreateBucketAsync(Bucket("v1"), Ct);
        Assert.True(await Store.SetBucketVersioningAsync("v1", status, Ct));
        Assert.Equal(status, (await Store.GetBucketAsync("v1", Ct))!.Versioning);
        return "v1";
    }

    private async Task<string> PutAsync(string bucket, string key, string blob)
    {
        var write = await Store.PutObjectAsync(Object(bucket, key) with { BlobId = blob }, WriteCondition.None, Ct);
        return write.VersionId!;
    }

    private async Task<List<ObjectVersion>> AllVersionsAsync(string bucket, string prefix = "") =>
        [.. await Store.ListObjectVersionsAsync(bucket, prefix, null, false, null, 10_000, Ct)];

    [Fact]
    public async Task Versions_NeverVersionedBucket_PutReportsNoVersionAndObjectIsNullVersion()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);

        var write = await Store.PutObjectAsync(Object("b1", "k"), WriteCondition.None, Ct);

        Assert.Null(write.VersionId);
        Assert.Null((await Store.GetBucketAsync("b1", Ct))!.Versioning);
        Assert.NotNull(await Store.GetObjectVersionAsync("b1", "k", VersionIds.Null, Ct));
        var list = await AllVersionsAsync("b1");
        Assert.Equal([("k", (string?)null, true)], list.Select(v => (v.Record.Key, v.Record.VersionId, v.IsLatest)));
    }

    [Fact]
    public async Task Versions_EnabledPut_KeepsEveryVersionNewestFirstAndReleasesNothing()
    {
        var b = await VersionedBucketAsync();
        var v1 = await PutAsync(b, "k", "blob-1");
        var second = await Store.PutObjectAsync(Object(b, "k") with { BlobId = "blob-2" }, WriteCondition.None, Ct);

        Assert.Null(second.Replaced);
        Assert.True(VersionIds.IsWellFormed(v1) && v1 != VersionIds.Null);
        Assert.NotEqual(v1, second.VersionId);
        Assert.Equal("blob-2", (await Store.GetObjectAsync(b, "k", Ct))!.BlobId);
        Assert.Equal(second.VersionId, (await Store.GetObjectAsync(b, "k", Ct))!.VersionId);
        Assert.Equal("blob-1", (await Store.GetObjectVersionAsync(b, "k", v1, Ct))!.BlobId);
        var list = await AllVersionsAsync(b);
        Assert.Equal([(second.VersionId, true, "blob-2"), (v1, false, "blob-1")], list.Select(v => (v.Record.VersionId, v.IsLatest, v.Record.BlobId)));
    }

    [Fact]
    public async Task Versions_EnabledOverNullVersion_KeepsTheNullVersionNoncurrent()
    {
        await Store.TryCreateBucketAsync(Bucket("v1"), Ct);
        await Store.PutObjectAsync(Object("v1", "k") with { BlobId = "old" }, WriteCondition.None, Ct);
        await Store.SetBucketVersioningAsync("v1", VersionIds.Enabled, Ct);

        var v2 = await PutAsync("v1", "k", "new");

        var list = await AllVersionsAsync("v1");
        Assert.Equal([(v2, true), (null, false)], list.Select(v => (v.Record.VersionId, v.IsLatest)));
        Assert.Equal("old", (await Store.GetObjectVersionAsync("v1", "k", VersionIds.Null, Ct))!.BlobId);
    }

    [Fact]
    public async Task Versions_DeleteCurrentEnabled_AddsMarkerAndDeletingTheMarkerRestores()
    {
        var b = await VersionedBucketAsync();
        var v1 = await PutAsync(b, "k", "blob-1");

        var deleted = await Store.DeleteCurrentAsync(b, "k", Alice, MarkerTime, Ct);

        Assert.True(deleted.DeleteMarker);
        Assert.Null(deleted.Released);
        Assert.Null(await Store.GetObjectAsync(b, "k", Ct));
        var latest = await Store.GetLatestVersionAsync(b, "k", Ct);
        Assert.True(latest!.IsDeleteMarker);
        Assert.Equal(deleted.VersionId, latest.VersionId);
        Assert.Equal(MarkerTime, latest.LastModified);
        var list = await AllVersionsAsync(b);
        Assert.Equal([(deleted.VersionId, true, true), (v1, false, false)], list.Select(v => (v.Record.VersionId, v.IsLatest, v.Record.IsDeleteMarker)));

        var undone = await Store.DeleteVersionAsync(b, "k", deleted.VersionId!, Ct);

        Assert.True(undone.DeleteMarker);
        Assert.Null(undone.Released);
        Assert.Equal(v1, (await Store.GetObjectAsync(b, "k", Ct))!.VersionId);
    }

    [Fact]
    public async Task Versions_DeleteVersionOfCurrent_ReleasesItAndPreviousBecomesCurrent()
    {
        var b = await VersionedBucketAsync();
        var v1 = await PutAsync(b, "k", "blob-1");
        var v2 = await PutAsync(b, "k", "blob-2");

        var deleted = await Store.DeleteVersionAsync(b, "k", v2, Ct);

        Assert.Equal("blob-2", deleted.Released!.BlobId);
        Assert.Equal(v1, (await Store.GetObjectAsync(b, "k", Ct))!.VersionId);
        Assert.Single(await AllVersionsAsync(b));
        Assert.False((await Store.DeleteVersionAsync(b, "k", v2, Ct)).Found);
    }

    [Fact]
    public async Task Versions_DeleteNoncurrentVersion_CurrentStays()
    {
        var b = await VersionedBucketAsync();
        var v1 = await PutAsync(b, "k", "blob-1");
        var v2 = await PutAsync(b, "k", "blob-2");

        var deleted = await Store.DeleteVersionAsync(b, "k", v1, Ct);

        Assert.Equal("blob-1", deleted.Released!.BlobId);
        Assert.Equal(v2, (await Store.GetObjectAsync(b, "k", Ct))!.VersionId);
        Assert.Null(await Store.GetObjectVersionAsync(b, "k", v1, Ct));
    }

    [Fact]
    public async Task Versions_Suspended_OverwritesOnlyTheNullVersionAndKeepsTheRest()
    {
        var b = await VersionedBucketAsync();
        var v1 = await PutAsync(b, "k", "blob-1");
        await Store.SetBucketVersioningAsync(b, VersionIds.Suspended, Ct);

        var first = await Store.PutObjectAsync(Object(b, "k") with { BlobId = "null-1" }, WriteCondition.None, Ct);
        var second = await Store.PutObjectAsync(Object(b, "k") with { BlobId = "null-2" }, WriteCondition.None, Ct);

        Assert.Equal((VersionIds.Null, (ObjectRecord?)null), (first.VersionId, first.Replaced));
        Assert.Equal("null-1", second.Replaced!.BlobId);
        var list = await AllVersionsAsync(b);
        Assert.Equal([((string?)null, true, "null-2"), (v1, false, "blob-1")], list.Select(v => (v.Record.VersionId, v.IsLatest, v.Record.BlobId)));

        // A suspended DELETE replaces the null version with a null marker; the versioned one stays.
        var marker = await Store.DeleteCurrentAsync(b, "k", Alice, MarkerTime, Ct);
        Assert.Equal((VersionIds.Null, true, "null-2"), (marker.VersionId, marker.DeleteMarker, marker.Released!.BlobId));
        list = await AllVersionsAsync(b);
        Assert.Equal([((string?)null, true, true), (v1, false, false)], list.Select(v => (v.Record.VersionId, v.IsLatest, v.Record.IsDeleteMarker)));
    }

    [Fact]
    public async Task Versions_Suspended_NewNullVersionReplacesANoncurrentNullVersion()
    {
        await Store.TryCreateBucketAsync(Bucket("v1"), Ct);
        await Store.PutObjectAsync(Object("v1", "k") with { BlobId = "null-old" }, WriteCondition.None, Ct);
        await Store.SetBucketVersioningAsync("v1", VersionIds.Enabled, Ct);
        var v1 = await PutAsync("v1", "k", "blob-1");
        await Store.SetBucketVersioningAsync("v1", VersionIds.Suspended, Ct);

        var write = await Store.PutObjectAsync(Object("v1", "k") with { BlobId = "null-new" }, WriteCondition.None, Ct);

        Assert.Equal("null-old", write.Replaced!.BlobId);
        var list = await AllVersionsAsync("v1");
        Assert.Equal([((string?)null, "null-new"), (v1, "blob-1")], list.Select(v => (v.Record.VersionId, v.Record.BlobId)));
    }

    [Fact]
    public async Task Versions_IfNoneMatchOverDeleteMarker_Succeeds_IfMatchIsNoSuchKey()
    {
        var b = await VersionedBucketAsync();
        await PutAsync(b, "k", "blob-1");
        await Store.DeleteCurrentAsync(b, "k", Alice, MarkerTime, Ct);

        var ex = await Assert.ThrowsAsync<Domain.Errors.S3Exception>(() => Store.PutObjectAsync(Object(b, "k"), new WriteCondition(false, "*"), Ct));
        Assert.Equal("NoSuchKey", ex.Error.Code);
        await Store.PutObjectAsync(Object(b, "k") with { BlobId = "blob-2" }, new WriteCondition(true, null), Ct);

        Assert.Equal("blob-2", (await Store.GetObjectAsync(b, "k", Ct))!.BlobId);
        Assert.Equal(3, (await AllVersionsAsync(b)).Count);
        await Assert.ThrowsAsync<Domain.Errors.S3Exception>(() => Store.PutObjectAsync(Object(b, "k"), new WriteCondition(true, null), Ct));
    }

    [Fact]
    public async Task Versions_PagingBy1To3_NeverRepeatsOrSkips()
    {
        var b = await VersionedBucketAsync();
        foreach (var key in new[] { "a", "b/x", "b/y", "c" })
        {
            await PutAsync(b, key, key + "-1");
            await PutAsync(b, key, key + "-2");
            if (key != "c")
            {
                await Store.DeleteCurrentAsync(b, key, Alice, MarkerTime, Ct);
            }
        }

        await PutAsync(b, "a", "a-3");
        var full = (await AllVersionsAsync(b)).Select(v => (v.Record.Key, v.Record.VersionId, v.IsLatest)).ToList();
        Assert.Equal(12, full.Count);

        for (var size = 1; size <= 3; size++)
        {
            var paged = new List<(string, string?, bool)>();
            string? fromKey = null, after = null;
            while (true)
            {
                var page = await Store.ListObjectVersionsAsync(b, "", fromKey, false, after, size, Ct);
                paged.AddRange(page.Select(v => (v.Record.Key, v.Record.VersionId, v.IsLatest)));
                if (page.Count < size)
                {
                    break;
                }

                fromKey = page[^1].Record.Key;
                after = VersionIds.ToWire(page[^1].Record.VersionId);
            }

            Assert.Equal(full, paged);
        }

        Assert.Equal(6, (await AllVersionsAsync(b, "b/")).Count);
    }

    [Fact]
    public async Task Versions_ObjectVersionAclAndTags_ChangeOnlyThatVersion()
    {
        var b = await VersionedBucketAsync();
        var v1 = await PutAsync(b, "k", "blob-1");
        var v2 = await PutAsync(b, "k", "blob-2");

        Assert.True(await Store.SetObjectVersionTagsAsync(b, "k", v1, [new Domain.Tagging.Tag("old", "yes")], Ct));
        Assert.True(await Store.SetObjectVersionAclAsync(b, "k", v1, Domain.Access.AccessControlList.Private(Bob), Ct));

        Assert.Equal("old", (await Store.GetObjectVersionAsync(b, "k", v1, Ct))!.Tags.Single().Key);
        Assert.Equal(Bob, (await Store.GetObjectVersionAsync(b, "k", v1, Ct))!.Acl.Owner);
        Assert.Empty((await Store.GetObjectAsync(b, "k", Ct))!.Tags);
        Assert.Equal(v2, (await Store.GetObjectAsync(b, "k", Ct))!.VersionId);
        Assert.False(await Store.SetObjectVersionTagsAsync(b, "k", VersionIds.New(), [], Ct));
    }

    [Fact]
    public async Task Versions_BucketWithOnlyAMarker_IsNotEmpty()
    {
        var b = await VersionedBucketAsync();
        var v1 = await PutAsync(b, "k", "blob-1");
        await Store.DeleteCurrentAsync(b, "k", Alice, MarkerTime, Ct);
        await Store.DeleteVersionAsync(b, "k", v1, Ct);

        Assert.Equal(DeleteBucketOutcome.NotEmpty, await Store.DeleteBucketAsync(b, [], Ct));
    }
}
