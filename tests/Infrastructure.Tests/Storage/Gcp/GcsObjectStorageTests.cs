using BleepStore.Application.Abstractions;
using BleepStore.Infrastructure.Storage.Gcp;
using BleepStore.Infrastructure.Tests.TestSupport;
using Google.Cloud.Storage.V1;

namespace BleepStore.Infrastructure.Tests.Storage.Gcp;

/// <summary>
/// The storage contract through the real Google.Cloud.Storage.V1 client against <see cref="GcsTestServer"/>,
/// with 256 KiB upload chunks so large bodies take several resumable-upload requests.
/// </summary>
public sealed class GcsObjectStorageTests : ObjectStorageContract
{
    private const string UpstreamBucket = "upstream";
    private GcsTestServer? _server;

    protected override IObjectStorage CreateStorage(string directory)
    {
        _server = GcsTestServer.StartAsync(UpstreamBucket).GetAwaiter().GetResult();
        return new GcsObjectStorage(Client(_server), UpstreamBucket, "gw/", chunkSize: 256 * 1024);
    }

    // A restarted server talks to the same upstream bucket.
    protected override IObjectStorage Reopen() => new GcsObjectStorage(Client(_server!), UpstreamBucket, "gw/", chunkSize: 256 * 1024);

    protected override long CountArtifacts() => _server!.Store.Count(UpstreamBucket);

    [Fact]
    public async Task ConcatenateAsync_MoreThan32Sources_ComposesInRoundsAndLeavesNoIntermediates()
    {
        var parts = Enumerable.Range(0, 70).Select(i => TestBodyStream.RandomBytes(1000 + i, i)).ToArray();
        var ids = new List<string>();
        foreach (var p in parts)
        {
            ids.Add((await WriteAsync(p)).BlobId);
        }

        var joined = await Storage.ConcatenateAsync(BucketName, ids, Ct);

        Assert.Equal(parts.SelectMany(p => p).ToArray(), await ReadAllAsync(joined.BlobId, 0, null));
        Assert.Equal(71, CountArtifacts());
    }

    [Fact]
    public async Task WriteAsync_Object_IsNamedUnderPrefixWithHashes()
    {
        var data = TestBodyStream.RandomBytes(LargeSize);

        var blob = await WriteAsync(data);

        var stored = _server!.Store.Get(UpstreamBucket, $"gw/.blobs/{BucketName}/{blob.BlobId}");
        Assert.NotNull(stored);
        Assert.Equal(data, stored.Data);
        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(data)), stored.Md5);
    }

    [Fact]
    public async Task CopyAsync_Blob_ServerSideToOtherBucket()
    {
        var data = TestBodyStream.RandomBytes(LargeSize);
        var source = await WriteAsync(data);

        var copy = await Storage.CopyAsync(BucketName, source.BlobId, "bucket-2", Ct);

        Assert.Equal(LargeSize, copy.Size);
        Assert.Equal(data, _server!.Store.Get(UpstreamBucket, $"gw/.blobs/bucket-2/{copy.BlobId}")!.Data);
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Storage.CopyAsync(BucketName, "0123456789abcdef0123456789abcdef", "bucket-2", Ct));
    }

    [Fact]
    public async Task CheckHealthAsync_MissingBucket_Throws()
    {
        var missing = new GcsObjectStorage(Client(_server!), "no-such-bucket", "");

        await Assert.ThrowsAnyAsync<Exception>(() => missing.CheckHealthAsync(Ct));
    }

    internal static StorageClient Client(GcsTestServer server) =>
        new StorageClientBuilder { BaseUri = new Uri(server.BaseUri, "storage/v1/").ToString(), UnauthenticatedAccess = true }.Build();
}
