using BleepStore.Application.Abstractions;
using BleepStore.Application.Diagnostics;

namespace BleepStore.Application.Tests.Diagnostics;

/// <summary>
/// The metrics wrapper must answer for every member of the port itself: a member left to the interface's
/// default answers the default, not the adapter's value (the memory backend's LosesBlobsOnRestart read false
/// through the wrapper, so start-up kept rows whose bytes were gone, and the orphan sweep saw no backend list).
/// </summary>
public sealed class InstrumentedObjectStorageTests
{
    [Fact]
    public void EveryPortMember_IsImplementedByTheWrapper_NotLeftToTheInterfaceDefault()
    {
        var map = typeof(InstrumentedObjectStorage).GetInterfaceMap(typeof(IObjectStorage));

        var fallingThrough = map.TargetMethods
            .Where(m => m.DeclaringType != typeof(InstrumentedObjectStorage))
            .Select(m => m.Name)
            .ToArray();

        Assert.Empty(fallingThrough);
    }

    [Fact]
    public async Task LosesBlobsOnRestartAndListBlobs_AnswerWithTheAdapters()
    {
        using var metrics = new BleepStoreMetrics("instrumented-storage-test");
        var wrapped = new InstrumentedObjectStorage(new ListingStorage(), metrics);
        IObjectStorage port = wrapped;

        Assert.True(port.LosesBlobsOnRestart);
        var listed = new List<BlobListing>();
        await foreach (var blob in port.ListBlobsAsync("bkt", CancellationToken.None))
        {
            listed.Add(blob);
        }

        Assert.Equal(["bkt/one"], listed.Select(b => b.BlobId));
    }

    private sealed class ListingStorage : IObjectStorage
    {
        public string Name => "listing";

        public bool LosesBlobsOnRestart => true;

        public async IAsyncEnumerable<BlobListing> ListBlobsAsync(string bucket, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
        {
            await Task.Yield();
            yield return new BlobListing(bucket + "/one", DateTimeOffset.UnixEpoch);
        }

        public Task<StoredBlob> WriteAsync(string bucket, Stream data, CancellationToken ct) => throw new NotSupportedException();

        public Task<Stream> OpenReadAsync(string bucket, string blobId, long offset, long? length, CancellationToken ct) => throw new NotSupportedException();

        public Task DeleteAsync(string bucket, string blobId, CancellationToken ct) => throw new NotSupportedException();

        public Task<StoredBlob> ConcatenateAsync(string bucket, IReadOnlyList<string> blobIds, CancellationToken ct) => throw new NotSupportedException();

        public Task CreateBucketAsync(string bucket, CancellationToken ct) => Task.CompletedTask;

        public Task DeleteBucketAsync(string bucket, CancellationToken ct) => Task.CompletedTask;

        public Task CheckHealthAsync(CancellationToken ct) => Task.CompletedTask;

        public Task RecoverAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
