using System.Security.Cryptography;
using Amazon.S3;
using BleepStore.Application.Abstractions;
using BleepStore.Application.Objects;
using BleepStore.Infrastructure.Metadata.Memory;
using BleepStore.Infrastructure.Storage.Aws;
using BleepStore.Infrastructure.Tests.TestSupport;
using BleepStore.Infrastructure.Tests.TestSupport.Upstreams;
using Microsoft.Extensions.Logging.Abstractions;

namespace BleepStore.Infrastructure.Tests.Storage.Aws;

/// <summary>
/// The AWS gateway with <c>key_names</c> (decision 0010) in front of a second BleepStore process: the storage
/// contract (staging blobs behave as blob-id names did), and objects published to <c>{prefix}{bucket}/{key}</c>,
/// read back with the upstream's own SDK client.
/// </summary>
public sealed class AwsKeyNamesOnBleepStoreTests(BleepStoreUpstream upstream) : AwsGatewayContract, IClassFixture<BleepStoreUpstream>
{
    private const int MiB = 1024 * 1024;

    private readonly BleepStoreUpstream _upstream = upstream;
    private readonly AmazonS3Client _client = upstream.CreateClient();

    protected override AmazonS3Client Upstream => _client;

    protected override string UpstreamBucket => BleepStoreUpstream.Bucket;

    private IKeyNamedStorage Keys => (IKeyNamedStorage)Storage;

    [Theory]
    [InlineData("plain.txt")]
    [InlineData("dir/sub dir/é 😀 +%&=.bin")]
    public async Task PublishAsync_ObjectAtPrefixBucketKeyWithItsBytes(string key)
    {
        var data = TestBodyStream.RandomBytes(70_000);
        var staged = await WriteAsync(data);

        var id = await Keys.PublishAsync(BucketName, key, staged.BlobId, Ct);

        Assert.Equal(key, Keys.KeyOf(id));
        Assert.Null(Keys.KeyOf(staged.BlobId));
        Assert.Equal(data, await UpstreamBytesAsync(key));
        Assert.Equal(data, await ReadAsync(Storage, BucketName, id));
        Assert.Equal(data.AsSpan(100, 1000).ToArray(), await ReadAllAsync(id, 100, 1000));
    }

    [Fact]
    public async Task PublishAsync_Overwrite_OlderIdNoLongerReadsOrCopies()
    {
        var first = await Keys.PublishAsync(BucketName, "k", (await WriteAsync([1, 2, 3])).BlobId, Ct);
        var second = await Keys.PublishAsync(BucketName, "k", (await WriteAsync([4, 5, 6, 7])).BlobId, Ct);

        Assert.Equal([4, 5, 6, 7], await UpstreamBytesAsync("k"));
        Assert.Equal([4, 5, 6, 7], await ReadAsync(Storage, BucketName, second));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Storage.OpenReadAsync(BucketName, first, 0, null, Ct));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Storage.OpenReadAsync(BucketName, first, 1, 1, Ct));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Storage.CopyAsync(BucketName, first, BucketName, Ct));
    }

    [Fact]
    public async Task CopyAsync_KeyNamedSource_CopiedToANewStagingBlob()
    {
        var data = TestBodyStream.RandomBytes(200_000);
        var id = await Keys.PublishAsync(BucketName, "src", (await WriteAsync(data)).BlobId, Ct);

        var copy = await Storage.CopyAsync(BucketName, id, BucketName, Ct);

        Assert.Null(Keys.KeyOf(copy.BlobId));
        Assert.Equal(data, await ReadAsync(Storage, BucketName, copy.BlobId));
    }

    [Fact]
    public async Task PublishAsync_AssembledMultipartBlob_KeyHoldsTheWholeObject()
    {
        byte[][] parts = [TestBodyStream.RandomBytes(5 * MiB, 1), TestBodyStream.RandomBytes(5 * MiB, 2), TestBodyStream.RandomBytes(10, 3)];
        var ids = new List<string>();
        foreach (var p in parts)
        {
            ids.Add((await WriteAsync(p)).BlobId);
        }

        var joined = await Storage.ConcatenateAsync(BucketName, ids, Ct);
        var id = await Keys.PublishAsync(BucketName, "big/mpu", joined.BlobId, Ct);

        Assert.Equal(parts.SelectMany(p => p).ToArray(), await UpstreamBytesAsync("big/mpu"));
        Assert.Equal(parts.SelectMany(p => p).ToArray(), await ReadAllAsync(id, 0, null));
    }

    [Fact]
    public async Task ConcatenateToKeyAsync_PartsPartCopiedStraightIntoTheKey_OlderIdNoLongerReads()
    {
        var older = await Keys.PublishAsync(BucketName, "in/place", (await WriteAsync([9, 9])).BlobId, Ct);
        byte[][] parts = [TestBodyStream.RandomBytes(5 * MiB, 4), TestBodyStream.RandomBytes(7, 5)];
        var ids = new List<string>();
        foreach (var p in parts)
        {
            ids.Add((await WriteAsync(p)).BlobId);
        }

        var joined = await Keys.ConcatenateToKeyAsync(BucketName, "in/place", ids, Ct);

        var whole = parts.SelectMany(p => p).ToArray();
        Assert.Equal("in/place", Keys.KeyOf(joined.BlobId));
        Assert.Equal(whole.Length, joined.Size);
        Assert.Equal(whole, await UpstreamBytesAsync("in/place"));
        Assert.Equal(whole, await ReadAsync(Storage, BucketName, joined.BlobId));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Storage.OpenReadAsync(BucketName, older, 0, null, Ct));
        Assert.Equal(parts.Length + 2, CountArtifacts());
    }

    [Theory]
    [InlineData(70_000, 1)]
    [InlineData(8 * MiB + 10, 7)]
    public async Task WriteToKeyAsync_BodyStreamedStraightIntoTheKey_OlderIdNoLongerReads_NoStagingBlob(int size, int chunk)
    {
        var older = await Keys.PublishAsync(BucketName, "put/in place", (await WriteAsync([9, 9])).BlobId, Ct);
        var data = TestBodyStream.RandomBytes(size, chunk);

        var written = await Keys.WriteToKeyAsync(BucketName, "put/in place", new TestBodyStream(data, maxChunk: 65_536), Ct);

        Assert.Equal("put/in place", Keys.KeyOf(written.BlobId));
        Assert.Equal(size, written.Size);
        Assert.Equal(data, await UpstreamBytesAsync("put/in place"));
        Assert.Equal(data.AsSpan(5, 100).ToArray(), await ReadAllAsync(written.BlobId, 5, 100));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Storage.OpenReadAsync(BucketName, older, 0, null, Ct));

        // The older object's staging blob and the key: nothing staged for this write, no upstream upload left open.
        Assert.Equal(2, CountArtifacts());
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(8 * MiB + 10)]
    public async Task WriteToKeyAsync_BodyFailsAtItsEnd_SourcesErrorAndTheKeysOlderObjectWhole(int size)
    {
        await Keys.PublishAsync(BucketName, "k", (await WriteAsync([9, 9])).BlobId, Ct);

        await Assert.ThrowsAsync<InvalidDataException>(() => Keys.WriteToKeyAsync(
            BucketName, "k", new TestBodyStream(TestBodyStream.RandomBytes(size), atEnd: new InvalidDataException("bad digest")), Ct));

        Assert.Equal([9, 9], await UpstreamBytesAsync("k"));
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
        Assert.Equal(data, await UpstreamBytesAsync("copy/in place"));
        Assert.Equal(data, await ReadAllAsync(copied.BlobId, 0, null));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Storage.OpenReadAsync(BucketName, older, 0, null, Ct));

        // From a key-named source (read under the identity its id carries) to another key.
        var second = await Keys.CopyToKeyAsync(BucketName, copied.BlobId, BucketName, "second", Ct);
        Assert.Equal(data, await ReadAllAsync(second.BlobId, 0, null));

        // Once the source's name holds newer bytes, its older id copies nothing: not found, the target untouched.
        await Keys.WriteToKeyAsync(BucketName, "copy/in place", new MemoryStream([1]), Ct);
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Keys.CopyToKeyAsync(BucketName, copied.BlobId, BucketName, "third", Ct));
        Assert.Null(await UpstreamBytesAsync("third"));
    }

    [Fact]
    public async Task UnpublishAsync_KeyRemovedUpstream_DeleteOfKeyNamedIdAloneRemovesNothing()
    {
        var id = await Keys.PublishAsync(BucketName, "k", (await WriteAsync([1])).BlobId, Ct);

        await Storage.DeleteAsync(BucketName, id, Ct);
        Assert.Equal([1], await UpstreamBytesAsync("k"));

        await Keys.UnpublishAsync(BucketName, "k", Ct);
        Assert.Null(await UpstreamBytesAsync("k"));
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
        var upstreamBytes = await UpstreamBytesAsync("hot");
        Assert.Equal("hot", Keys.KeyOf(row.BlobId));
        Assert.Equal(row.ETag, "\"" + Convert.ToHexStringLower(MD5.HashData(upstreamBytes!)) + "\"");
        Assert.Equal(upstreamBytes, await ReadAsync(Storage, BucketName, row.BlobId));
        Assert.Equal(1, CountArtifacts());
        Assert.Empty(await store.ListKeyClaimsAsync(10, Ct));
    }

    protected override IObjectStorage CreateStorage(string directory) => new AwsObjectStorage(new AwsGatewayOptions
    {
        Bucket = BleepStoreUpstream.Bucket,
        Prefix = Prefix,
        EndpointUrl = _upstream.Endpoint,
        UsePathStyle = true,
        AccessKeyId = BleepStoreUpstream.AccessKey,
        SecretAccessKey = BleepStoreUpstream.SecretKey,
        KeyNames = true,
    });

    private async Task<byte[]?> UpstreamBytesAsync(string key)
    {
        try
        {
            using var response = await _client.GetObjectAsync(UpstreamBucket, Prefix + BucketName + "/" + key);
            using var copy = new MemoryStream();
            await response.ResponseStream.CopyToAsync(copy);
            return copy.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
