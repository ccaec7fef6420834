using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using BleepStore.Application.Abstractions;
using BleepStore.Application.Objects;
using BleepStore.Infrastructure.Metadata.Memory;
using BleepStore.Infrastructure.Storage.Azure;
using BleepStore.Infrastructure.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace BleepStore.Infrastructure.Tests.Storage.Azure;

/// <summary>
/// The Azure gateway with <c>key_names</c> (decision 0010) against Azurite: the storage contract on staging blobs,
/// and objects published to <c>{prefix}{bucket}/{key}</c>, read back with the Azure SDK's own blob client.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureKeyNamesTests(AzuriteFixture azurite) : ObjectStorageContract
{
    private BlobContainerClient? _container;


    private IKeyNamedStorage Keys => (IKeyNamedStorage)Storage;

    [Theory]
    [InlineData("plain.txt")]
    [InlineData("dir/sub dir/é 😀 +%&=.bin")]
    public async Task PublishAsync_ObjectAtPrefixBucketKeyWithItsBytes(string key)
    {
        var data = TestBodyStream.RandomBytes(LargeSize);
        var staged = await WriteAsync(data);

        var id = await Keys.PublishAsync(BucketName, key, staged.BlobId, Ct);

        Assert.Equal(key, Keys.KeyOf(id));
        Assert.Equal(data, await UpstreamAsync(key));
        Assert.Equal(data, await ReadAllAsync(id, 0, null));
        Assert.Equal(data.AsSpan(100, 1000).ToArray(), await ReadAllAsync(id, 100, 1000));
    }

    [Fact]
    public async Task PublishAsync_Overwrite_OlderIdNoLongerReadsOrCopies()
    {
        var first = await Keys.PublishAsync(BucketName, "k", (await WriteAsync([1, 2, 3])).BlobId, Ct);
        var second = await Keys.PublishAsync(BucketName, "k", (await WriteAsync([4, 5, 6, 7])).BlobId, Ct);

        Assert.Equal([4, 5, 6, 7], await UpstreamAsync("k"));
        Assert.Equal([4, 5, 6, 7], await ReadAllAsync(second, 0, null));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Storage.OpenReadAsync(BucketName, first, 0, null, Ct));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Storage.OpenReadAsync(BucketName, first, 0, 0, Ct));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Storage.CopyAsync(BucketName, first, BucketName, Ct));
    }

    [Fact]
    public async Task CopyAsync_KeyNamedSource_CopiedToANewStagingBlob()
    {
        var data = TestBodyStream.RandomBytes(5000);
        var id = await Keys.PublishAsync(BucketName, "src", (await WriteAsync(data)).BlobId, Ct);

        var copy = await Storage.CopyAsync(BucketName, id, BucketName, Ct);

        Assert.Null(Keys.KeyOf(copy.BlobId));
        Assert.Equal(data, await ReadAllAsync(copy.BlobId, 0, null));
    }

    [Fact]
    public async Task PublishAsync_ConcatenatedBlob_KeyHoldsTheWholeObject()
    {
        var parts = Enumerable.Range(0, 3).Select(i => TestBodyStream.RandomBytes(300_000 + i, i)).ToArray();
        var ids = new List<string>();
        foreach (var p in parts)
        {
            ids.Add((await WriteAsync(p)).BlobId);
        }

        var joined = await Storage.ConcatenateAsync(BucketName, ids, Ct);
        await Keys.PublishAsync(BucketName, "mpu", joined.BlobId, Ct);

        Assert.Equal(parts.SelectMany(p => p).ToArray(), await UpstreamAsync("mpu"));
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("dir/é 😀.bin", true)]
    [InlineData("a/", false)]
    [InlineData("a.", false)]
    [InlineData("a/../b", false)]
    [InlineData("./b", false)]
    public void CanName_RefusesNamesAzureWouldFoldIntoAnother(string key, bool expected) => Assert.Equal(expected, Keys.CanName(BucketName, key));

    [Theory]
    [InlineData(3, 300_000)]
    [InlineData(2, 10)]
    public async Task ConcatenateToKeyAsync_PartsCommittedAsTheKeysBlockList_OlderIdNoLongerReads(int count, int size)
    {
        var older = await Keys.PublishAsync(BucketName, "in/place", (await WriteAsync([9, 9])).BlobId, Ct);
        var parts = Enumerable.Range(0, count).Select(i => TestBodyStream.RandomBytes(size + i, i)).ToArray();
        var ids = new List<string>();
        foreach (var p in parts)
        {
            ids.Add((await WriteAsync(p)).BlobId);
        }

        var joined = await Keys.ConcatenateToKeyAsync(BucketName, "in/place", ids, Ct);

        var whole = parts.SelectMany(p => p).ToArray();
        Assert.Equal("in/place", Keys.KeyOf(joined.BlobId));
        Assert.Equal(whole.Length, joined.Size);
        Assert.Equal(whole, await UpstreamAsync("in/place"));
        Assert.Equal(whole, await ReadAllAsync(joined.BlobId, 0, null));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Storage.OpenReadAsync(BucketName, older, 0, null, Ct));
        Assert.Equal(count + 2, CountArtifacts());
    }

    [Theory]
    [InlineData(70_000)]
    [InlineData(600_000)]
    public async Task WriteToKeyAsync_BodyCommittedAsTheKeysBlockList_OlderIdNoLongerReads_NoStagingBlob(int size)
    {
        var older = await Keys.PublishAsync(BucketName, "put/in place", (await WriteAsync([9, 9])).BlobId, Ct);
        var data = TestBodyStream.RandomBytes(size, 3);

        var written = await Keys.WriteToKeyAsync(BucketName, "put/in place", new TestBodyStream(data, maxChunk: 65_536), Ct);

        Assert.Equal("put/in place", Keys.KeyOf(written.BlobId));
        Assert.Equal(size, written.Size);
        Assert.Equal(data, await UpstreamAsync("put/in place"));
        Assert.Equal(data.AsSpan(5, 100).ToArray(), await ReadAllAsync(written.BlobId, 5, 100));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Storage.OpenReadAsync(BucketName, older, 0, null, Ct));
        Assert.Equal(2, CountArtifacts());
    }

    [Fact]
    public async Task CopyToKeyAsync_StagedOrKeyNamedSource_CopiedStraightIntoTheKey_SourceIdentityChecked()
    {
        var data = TestBodyStream.RandomBytes(LargeSize, 3);
        var staged = await WriteAsync(data);
        var older = await Keys.PublishAsync(BucketName, "copy/in place", (await WriteAsync([9, 9])).BlobId, Ct);

        var copied = await Keys.CopyToKeyAsync(BucketName, staged.BlobId, BucketName, "copy/in place", Ct);

        Assert.Equal("copy/in place", Keys.KeyOf(copied.BlobId));
        Assert.Equal(data.Length, copied.Size);
        Assert.Equal(data, await UpstreamAsync("copy/in place"));
        Assert.Equal(data, await ReadAllAsync(copied.BlobId, 0, null));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Storage.OpenReadAsync(BucketName, older, 0, null, Ct));

        // From a key-named source (read under the identity its id carries) to another key.
        var second = await Keys.CopyToKeyAsync(BucketName, copied.BlobId, BucketName, "second", Ct);
        Assert.Equal(data, await ReadAllAsync(second.BlobId, 0, null));

        // Once the source's name holds newer bytes, its older id copies nothing: not found, the target untouched.
        await Keys.WriteToKeyAsync(BucketName, "copy/in place", new MemoryStream([1]), Ct);
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Keys.CopyToKeyAsync(BucketName, copied.BlobId, BucketName, "third", Ct));
        Assert.Null(await UpstreamAsync("third"));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(600_000)]
    public async Task WriteToKeyAsync_BodyFailsAtItsEnd_SourcesErrorAndTheKeysOlderObjectWhole(int size)
    {
        await Keys.PublishAsync(BucketName, "k", (await WriteAsync([9, 9])).BlobId, Ct);

        await Assert.ThrowsAsync<InvalidDataException>(() => Keys.WriteToKeyAsync(
            BucketName, "k", new TestBodyStream(TestBodyStream.RandomBytes(size), atEnd: new InvalidDataException("bad digest")), Ct));

        Assert.Equal([9, 9], await UpstreamAsync("k"));
    }

    [Fact]
    public async Task UnpublishAsync_KeyRemoved_DeleteOfKeyNamedIdAloneRemovesNothing()
    {
        var id = await Keys.PublishAsync(BucketName, "k", (await WriteAsync([1])).BlobId, Ct);

        await Storage.DeleteAsync(BucketName, id, Ct);
        Assert.Equal([1], await UpstreamAsync("k"));

        await Keys.UnpublishAsync(BucketName, "k", Ct);
        Assert.Null(await UpstreamAsync("k"));
        await Keys.UnpublishAsync(BucketName, "k", Ct);
    }

    [Fact]
    public async Task DeleteBucketAsync_KeyNamedObjectsGoToo()
    {
        await Keys.PublishAsync(BucketName, "a/b", (await WriteAsync([1])).BlobId, Ct);

        await Storage.DeleteBucketAsync(BucketName, Ct);

        Assert.Equal(0, CountArtifacts());
    }

    [Fact]
    public async Task KeyPublisher_ConcurrentWritesOfOneKey_UpstreamHoldsTheLastCommittedRowsBytes()
    {
        var store = new MemoryMetadataStore();
        await store.TryCreateBucketAsync(Records.Bucket(BucketName), Ct);
        var keys = new KeyPublisher(store, Storage, SystemClock.Instance, NullLogger<KeyPublisher>.Instance);
        var reaper = new BlobReaper(NullLogger<BlobReaper>.Instance, keys);

        await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(async () =>
        {
            var data = TestBodyStream.RandomBytes(1000 + i, i);
            var blob = await Storage.WriteAsync(BucketName, new MemoryStream(data), Ct);
            var etag = "\"" + Convert.ToHexStringLower(MD5.HashData(data)) + "\"";
            var replaced = (await store.PutObjectAsync(Records.Object(BucketName, "hot", etag, data.Length) with { BlobId = blob.BlobId }, WriteCondition.None, Ct)).Replaced;
            if (replaced is not null)
            {
                await reaper.DeleteAsync(Storage, BucketName, replaced.BlobId);
            }

            await keys.SyncAsync(BucketName, "hot", Ct);
        })));

        var row = (await store.GetObjectAsync(BucketName, "hot", Ct))!;
        var upstream = (await UpstreamAsync("hot"))!;
        Assert.Equal("hot", Keys.KeyOf(row.BlobId));
        Assert.Equal(row.ETag, "\"" + Convert.ToHexStringLower(MD5.HashData(upstream)) + "\"");
        Assert.Equal(upstream, await ReadAllAsync(row.BlobId, 0, null));
        Assert.Equal(1, CountArtifacts());
    }

    protected override IObjectStorage CreateStorage(string directory)
    {
        _container = azurite.NewContainer();
        return new AzureObjectStorage(_container, "gw/", blockSize: 256 * 1024, keyNames: true);
    }

    protected override IObjectStorage Reopen() => new AzureObjectStorage(_container!, "gw/", blockSize: 256 * 1024, keyNames: true);

    protected override long CountArtifacts() => _container!.GetBlobs(new GetBlobsOptions { States = BlobStates.Uncommitted }).LongCount();

    private async Task<byte[]?> UpstreamAsync(string key)
    {
        try
        {
            return (await _container!.GetBlobClient("gw/" + BucketName + "/" + key).DownloadContentAsync(Ct)).Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
