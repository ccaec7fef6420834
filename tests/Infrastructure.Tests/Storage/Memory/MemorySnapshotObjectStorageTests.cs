using BleepStore.Application.Abstractions;
using BleepStore.Infrastructure.Configuration;
using BleepStore.Infrastructure.Hosting;
using BleepStore.Infrastructure.Storage.Memory;
using BleepStore.Infrastructure.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace BleepStore.Infrastructure.Tests.Storage.Memory;

/// <summary>
/// The storage contract on the memory backend with <c>persistence: snapshot</c>, opened as the server opens it
/// (load the snapshot, run <see cref="MemorySnapshotService"/>): a graceful restart writes the last snapshot, so
/// everything comes back; a kill -9 keeps exactly what the last snapshot saw.
/// </summary>
public sealed class MemorySnapshotObjectStorageTests : ObjectStorageContract
{
    private MemorySnapshotService? _snapshots;

    private string SnapshotPath => Path.Combine(Directory.Path, "snap", "memory.snap");

    protected override bool KeepsBlobsAcrossRestart => true;

    protected override IObjectStorage CreateStorage(string directory)
    {
        // Backends.OpenMemory: load the snapshot, then the service writes it on ticks and at shutdown.
        var config = new MemoryStorageConfig { Persistence = MemoryPersistence.Snapshot, SnapshotPath = Path.Combine(directory, "snap", "memory.snap"), SnapshotIntervalSeconds = 0 };
        var storage = new MemoryObjectStorage();
        storage.Load(config.SnapshotPath);
        _snapshots = new MemorySnapshotService(storage, config, NullLogger<MemorySnapshotService>.Instance);
        _snapshots.StartAsync(Ct).GetAwaiter().GetResult();
        return storage;
    }

    protected override Task StopGracefullyAsync() => _snapshots!.StopAsync(Ct);

    protected override long CountArtifacts() => ((MemoryObjectStorage)Storage).BlobCount;

    [Fact]
    public async Task KillAfterASnapshot_KeepsWhatItSawWithWriteTimes_LosesLaterWrites()
    {
        var seen = await WriteAsync(TestBodyStream.RandomBytes(LargeSize, 5));
        var deletedLater = await WriteAsync([7, 7]);
        var writtenAt = await WriteTimesAsync();
        await _snapshots!.WriteAsync(Ct);
        var unseen = await WriteAsync([9]);
        await Storage.DeleteAsync(BucketName, deletedLater.BlobId, Ct);

        await RestartAsync(graceful: false);

        Assert.Equal(TestBodyStream.RandomBytes(LargeSize, 5), await ReadAllAsync(seen.BlobId, 0, null));
        Assert.Equal([7, 7], await ReadAllAsync(deletedLater.BlobId, 0, null));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Storage.OpenReadAsync(BucketName, unseen.BlobId, 0, null, Ct));
        Assert.Equal(writtenAt, await WriteTimesAsync());
        Assert.Equal(LargeSize + 2, ((MemoryObjectStorage)Storage).UsedBytes);
    }

    [Fact]
    public async Task KillWithoutAnySnapshot_StartsEmpty()
    {
        await WriteAsync(TestBodyStream.RandomBytes(LargeSize));

        await RestartAsync(graceful: false);

        Assert.Equal(0, CountArtifacts());
        Assert.False(File.Exists(SnapshotPath));
    }

    [Fact]
    public async Task SnapshotDuringConcurrentWritesAndDeletes_EveryBlobItBringsBackIsWhole()
    {
        var written = new System.Collections.Concurrent.ConcurrentDictionary<string, byte[]>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var bytes = TestBodyStream.RandomBytes(70_000 + (w * 1000) + i, (w * 1000) + i);
                var blob = await Storage.WriteAsync(BucketName, new TestBodyStream(bytes, 8192), Ct);
                written[blob.BlobId] = bytes;
                if (i % 3 == 0)
                {
                    await Storage.DeleteAsync(BucketName, blob.BlobId, Ct);
                }
            }
        })).ToArray();
        while (written.Count < 20)
        {
            await Task.Delay(5);
        }

        await _snapshots!.WriteAsync(Ct);
        await _snapshots.WriteAsync(Ct);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        await RestartAsync(graceful: false);

        var loaded = await WriteTimesAsync();
        Assert.NotEmpty(loaded);
        foreach (var id in loaded.Keys)
        {
            Assert.Equal(written[id], await ReadAllAsync(id, 0, null));
        }
    }

    /// <summary>Blob id → write time in Unix milliseconds (the snapshot's resolution).</summary>
    private async Task<Dictionary<string, long>> WriteTimesAsync()
    {
        var times = new Dictionary<string, long>();
        await foreach (var blob in Storage.ListBlobsAsync(BucketName, Ct))
        {
            times[blob.BlobId] = blob.WrittenAt.ToUnixTimeMilliseconds();
        }

        return times;
    }
}
