using BleepStore.Application.Abstractions;
using BleepStore.Domain.Errors;
using BleepStore.Infrastructure.Storage.Memory;
using BleepStore.Infrastructure.Tests.TestSupport;

namespace BleepStore.Infrastructure.Tests.Storage.Memory;

public sealed class MemoryObjectStorageTests : ObjectStorageContract
{
    [Fact]
    public async Task WriteAsync_PastCap_ThrowsServiceUnavailableAndReleasesReservation()
    {
        var storage = new MemoryObjectStorage(maxSizeBytes: 200_000);
        await storage.WriteAsync(BucketName, new MemoryStream(new byte[150_000]), Ct);

        var ex = await Assert.ThrowsAsync<S3Exception>(() => storage.WriteAsync(BucketName, new TestBodyStream(new byte[100_000], 10_000), Ct));

        Assert.Equal("ServiceUnavailable", ex.Error.Code);
        Assert.Equal(150_000, storage.UsedBytes);
        Assert.Equal(1, storage.BlobCount);
        var fits = await storage.WriteAsync(BucketName, new MemoryStream(new byte[50_000]), Ct);
        Assert.Equal(50_000, fits.Size);
    }

    [Fact]
    public async Task DeleteAsync_Blob_ReleasesItsBytes()
    {
        var storage = new MemoryObjectStorage(maxSizeBytes: 100);
        var blob = await storage.WriteAsync(BucketName, new MemoryStream(new byte[100]), Ct);

        await storage.DeleteAsync(BucketName, blob.BlobId, Ct);

        Assert.Equal(0, storage.UsedBytes);
    }

    [Fact]
    public async Task ConcatenateAsync_PastCap_ThrowsServiceUnavailable()
    {
        var storage = new MemoryObjectStorage(maxSizeBytes: 100);
        var a = await storage.WriteAsync(BucketName, new MemoryStream(new byte[60]), Ct);

        var ex = await Assert.ThrowsAsync<S3Exception>(() => storage.ConcatenateAsync(BucketName, [a.BlobId], Ct));

        Assert.Equal("ServiceUnavailable", ex.Error.Code);
        Assert.Equal(60, storage.UsedBytes);
    }

    protected override IObjectStorage CreateStorage(string directory) => new MemoryObjectStorage();

    protected override long CountArtifacts() => ((MemoryObjectStorage)Storage).BlobCount;
}
