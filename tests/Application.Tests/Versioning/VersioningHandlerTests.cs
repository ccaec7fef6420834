using BleepStore.Application.Listing.ListObjectVersions;
using BleepStore.Application.Objects.CopyObject;
using BleepStore.Application.Objects.DeleteObject;
using BleepStore.Application.Objects.DeleteObjects;
using BleepStore.Application.Objects.GetObject;
using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Objects;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using static BleepStore.Application.Tests.Objects.ObjectHandlerFixture;

namespace BleepStore.Application.Tests.Versioning;

/// <summary>Versioned buckets through the handlers (decision 0014), on the memory store and storage.</summary>
public sealed class VersioningHandlerTests
{
    private readonly ObjectHandlerFixture _f = new(inlineThreshold: 0);

    private DeleteObjectHandler Delete => new(_f.Store, _f.Storage, _f.Reaper, _f.Clock);

    private async Task EnableAsync(string status = VersionIds.Enabled) => await _f.Store.SetBucketVersioningAsync(Bucket, status, default);

    [Fact]
    public async Task Put_EnabledBucket_ReturnsNewVersionIdsAndKeepsOldBytes()
    {
        await EnableAsync();
        var v1 = (await _f.PutAsync("k", [1])).VersionId;
        var v2 = (await _f.PutAsync("k", [2])).VersionId;

        Assert.True(VersionIds.IsWellFormed(v1) && v1 != VersionIds.Null);
        Assert.NotEqual(v1, v2);
        var old = await _f.Get.Handle(new GetObjectQuery(Context, Bucket, "k", VersionId: v1), default);
        await using (old.Body!)
        {
            Assert.Equal(1, old.Body!.ReadByte());
        }

        Assert.True(old.Versioned);
        Assert.Equal(v1, old.Object.VersionId);
        Assert.Empty(_f.Storage.Deleted);
    }

    [Fact]
    public async Task Put_NeverVersionedBucket_NoVersionId()
    {
        var result = await _f.PutAsync("k", [1]);

        Assert.Null(result.VersionId);
        var got = await _f.Get.Handle(new GetObjectQuery(Context, Bucket, "k"), default);
        await got.Body!.DisposeAsync();
        Assert.False(got.Versioned);
    }

    [Fact]
    public async Task Delete_EnabledBucket_MarkerThenPlainGetIs404WithMarkerHeader()
    {
        await EnableAsync();
        var v1 = (await _f.PutAsync("k", [1])).VersionId!;

        var deleted = await Delete.Handle(new DeleteObjectCommand(Context, Bucket, "k"), default);

        Assert.True(deleted.DeleteMarker);
        Assert.True(VersionIds.IsWellFormed(deleted.VersionId));
        var notFound = await Assert.ThrowsAsync<S3Exception>(() => _f.Get.Handle(new GetObjectQuery(Context, Bucket, "k"), default));
        Assert.Equal("NoSuchKey", notFound.Error.Code);
        Assert.Contains(new KeyValuePair<string, string>("x-amz-delete-marker", "true"), notFound.Headers);
        Assert.Contains(new KeyValuePair<string, string>("x-amz-version-id", deleted.VersionId!), notFound.Headers);

        var marker = await Assert.ThrowsAsync<S3Exception>(() => _f.Get.Handle(new GetObjectQuery(Context, Bucket, "k", VersionId: deleted.VersionId), default));
        Assert.Equal(405, marker.Error.HttpStatus);
        Assert.Contains(new KeyValuePair<string, string>("Allow", "DELETE"), marker.Headers);

        var unknown = await Assert.ThrowsAsync<S3Exception>(() => _f.Get.Handle(new GetObjectQuery(Context, Bucket, "k", VersionId: VersionIds.New()), default));
        Assert.Equal("NoSuchVersion", unknown.Error.Code);

        var undo = await Delete.Handle(new DeleteObjectCommand(Context, Bucket, "k", deleted.VersionId), default);
        Assert.Equal((deleted.VersionId, true), (undo.VersionId, undo.DeleteMarker));
        Assert.Equal(v1, (await _f.RowAsync("k"))!.VersionId);
    }

    [Fact]
    public async Task DeleteVersion_RemovesBlobForGood()
    {
        await EnableAsync();
        var v1 = (await _f.PutAsync("k", [1])).VersionId!;
        var blob = (await _f.RowAsync("k"))!.BlobId;
        await _f.PutAsync("k", [2]);

        var result = await Delete.Handle(new DeleteObjectCommand(Context, Bucket, "k", v1), default);

        Assert.Equal((v1, false), (result.VersionId, result.DeleteMarker));
        Assert.Contains(blob, _f.Storage.Deleted);
    }

    [Fact]
    public async Task DeleteObjects_Versioned_ReportsMarkersAndRemovesVersions()
    {
        await EnableAsync();
        var v1 = (await _f.PutAsync("a", [1])).VersionId!;
        await _f.PutAsync("b", [2]);
        var handler = new DeleteObjectsHandler(_f.Store, _f.Storage, _f.Reaper, _f.Clock);
        var document = new RequestDocument<DeleteObjectsDocument>(new MemoryStream([]), 0, (_, _) => ValueTask.FromResult(
            new DeleteObjectsDocument([new DeleteObjectsEntry("a", v1), new DeleteObjectsEntry("b"), new DeleteObjectsEntry("c", "bad id")], false)));

        var result = await handler.Handle(new DeleteObjectsCommand(Context, Bucket, document), default);

        Assert.Equal([("a", (string?)v1, false), ("b", null, true)], result.Deleted.Select(d => (d.Key, d.VersionId, d.DeleteMarker)));
        Assert.True(VersionIds.IsWellFormed(result.Deleted[1].DeleteMarkerVersionId));
        Assert.Equal(("c", "NoSuchVersion"), (result.Errors.Single().Key, result.Errors.Single().Code));
        Assert.Null(await _f.RowAsync("a"));
        Assert.Null(await _f.RowAsync("b"));
    }

    [Fact]
    public async Task Copy_FromOldVersion_CopiesThoseBytesAndNamesBothVersions()
    {
        await EnableAsync();
        var v1 = (await _f.PutAsync("k", [1, 1])).VersionId!;
        await _f.PutAsync("k", [2, 2]);

        var result = await _f.Copy.Handle(new CopyObjectCommand { Context = Context, Bucket = Bucket, Key = "k", CopySource = $"{Bucket}/k?versionId={v1}" }, default);

        Assert.Equal(v1, result.SourceVersionId);
        Assert.True(VersionIds.IsWellFormed(result.VersionId));
        Assert.Equal([1, 1], await _f.ReadAllAsync("k"));
    }

    [Fact]
    public async Task ListObjectVersions_DelimiterAndPaging_MatchOneFullPage()
    {
        await EnableAsync();
        foreach (var key in new[] { "a", "d/1", "d/2", "z" })
        {
            await _f.PutAsync(key, [1]);
            await _f.PutAsync(key, [2]);
            await Delete.Handle(new DeleteObjectCommand(Context, Bucket, key), default);
        }

        var handler = new ListObjectVersionsHandler(_f.Store);
        var full = await handler.Handle(new ListObjectVersionsQuery(Context, Bucket, Delimiter: "/"), default);
        Assert.Equal(["d/"], full.Page.CommonPrefixes);
        Assert.Equal(6, full.Versions.Count);
        var expected = full.Versions.Select(v => (v.Record.Key, v.Record.VersionId, v.IsLatest, v.Record.IsDeleteMarker)).ToList();

        for (var size = 1; size <= 3; size++)
        {
            var entries = new List<(string, string?, bool, bool)>();
            var prefixes = new List<string>();
            string? keyMarker = null, versionMarker = null;
            while (true)
            {
                var page = await handler.Handle(new ListObjectVersionsQuery(Context, Bucket, Delimiter: "/", MaxKeys: size, KeyMarker: keyMarker, VersionIdMarker: versionMarker), default);
                entries.AddRange(page.Versions.Select(v => (v.Record.Key, v.Record.VersionId, v.IsLatest, v.Record.IsDeleteMarker)));
                prefixes.AddRange(page.Page.CommonPrefixes);
                if (!page.Page.IsTruncated)
                {
                    break;
                }

                (keyMarker, versionMarker) = (page.NextKeyMarker, page.NextVersionIdMarker);
            }

            Assert.Equal(expected, entries);
            Assert.Equal(["d/"], prefixes);
        }
    }
}
