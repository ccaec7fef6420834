using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using BleepStore.Application.Abstractions;
using BleepStore.Domain.Errors;
using BleepStore.Infrastructure.Storage.Azure;

namespace BleepStore.Infrastructure.Tests.Storage.Azure;

/// <summary>The storage contract against Azurite, with 256 KiB blocks so large bodies take the staged-block path.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureObjectStorageTests(AzuriteFixture azurite) : ObjectStorageContract
{
    private BlobContainerClient? _container;

    protected override IObjectStorage CreateStorage(string directory)
    {
        _container = azurite.NewContainer();
        return new AzureObjectStorage(_container, "gw/", blockSize: 256 * 1024);
    }

    // A restarted server talks to the same container.
    protected override IObjectStorage Reopen() => new AzureObjectStorage(_container!, "gw/", blockSize: 256 * 1024);

    protected override long CountArtifacts()
    {
        // Uncommitted blocks count too: a write cut short must not leave staged blocks behind.
        return _container!.GetBlobs(new GetBlobsOptions { States = BlobStates.Uncommitted }).LongCount();
    }

    [Fact]
    public async Task WriteAsync_LargeBody_IsOneBlobUnderPrefixAndBucket()
    {
        var blob = await WriteAsync(TestSupport.TestBodyStream.RandomBytes(LargeSize));

        var names = _container!.GetBlobs().Select(b => b.Name).ToList();
        Assert.Equal(["gw/.blobs/" + BucketName + "/" + blob.BlobId], names);
        var blocks = (await _container.GetBlockBlobClient(names[0]).GetBlockListAsync(cancellationToken: Ct)).Value;
        Assert.Equal(6, blocks.CommittedBlocks.Count());
        Assert.Empty(blocks.UncommittedBlocks);
    }

    [Fact]
    public async Task CopyAsync_Blob_NewServerSideCopyInOtherBucket()
    {
        await Storage.CreateBucketAsync("bucket-2", Ct);
        var data = TestSupport.TestBodyStream.RandomBytes(LargeSize);
        var source = await WriteAsync(data);

        var copy = await Storage.CopyAsync(BucketName, source.BlobId, "bucket-2", Ct);

        Assert.NotEqual(source.BlobId, copy.BlobId);
        Assert.Equal(LargeSize, copy.Size);
        await Storage.DeleteAsync(BucketName, source.BlobId, Ct);
        await using var stream = await Storage.OpenReadAsync("bucket-2", copy.BlobId, 0, null, Ct);
        using var read = new MemoryStream();
        await stream.CopyToAsync(read, Ct);
        Assert.Equal(data, read.ToArray());
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Storage.CopyAsync(BucketName, source.BlobId, "bucket-2", Ct));
        Assert.Equal(1, CountArtifacts());
    }

    [Fact]
    public async Task CheckHealthAsync_MissingContainer_Throws()
    {
        var missing = new AzureObjectStorage(new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("missing-" + Guid.NewGuid().ToString("N")), "");

        await Assert.ThrowsAnyAsync<Exception>(() => missing.CheckHealthAsync(Ct));
    }

    [Fact]
    public async Task WriteAsync_UpstreamUnreachable_ThrowsServiceUnavailable()
    {
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        var closed = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:{TestSupport.FreePort.Next()}/devstoreaccount1;";
        var storage = new AzureObjectStorage(new BlobServiceClient(closed, options).GetBlobContainerClient("c"), "");

        var ex = await Assert.ThrowsAsync<S3Exception>(() => storage.WriteAsync(BucketName, new MemoryStream([1, 2, 3]), Ct));

        Assert.Equal("ServiceUnavailable", ex.Error.Code);
        await Assert.ThrowsAsync<BlobNotFoundException>(() => storage.OpenReadAsync(BucketName, "not-an-id", 0, null, Ct));
        Assert.Equal("ServiceUnavailable", (await Assert.ThrowsAsync<S3Exception>(() => storage.OpenReadAsync(BucketName, "0123456789abcdef0123456789abcdef", 0, null, Ct))).Error.Code);
    }

    [Theory]
    [InlineData(503, "ServerBusy", "SlowDown")]
    [InlineData(500, "OperationTimedOut", "SlowDown")]
    [InlineData(429, "TooManyRequests", "SlowDown")]
    public void Translate_ThrottlingStatus_MapsToS3Error(int status, string code, string expected)
    {
        var translated = AzureErrors.Translate(new RequestFailedException(status, "busy", code, null));

        Assert.Equal(expected, Assert.IsType<S3Exception>(translated).Error.Code);
    }

    [Fact]
    public void Translate_OtherUpstreamError_IsLeftAlone() =>
        Assert.Null(AzureErrors.Translate(new RequestFailedException(403, "denied", "AuthorizationFailure", null)));
}
