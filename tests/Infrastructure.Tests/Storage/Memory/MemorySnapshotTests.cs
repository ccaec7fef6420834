using System.Security.Cryptography;
using BleepStore.Application.Abstractions;
using BleepStore.Infrastructure.Storage.Memory;
using BleepStore.Infrastructure.Tests.TestSupport;

namespace BleepStore.Infrastructure.Tests.Storage.Memory;

public sealed class MemorySnapshotTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string SnapshotPath => Path.Combine(_dir.Path, "sub", "memory.snap");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task WriteThenLoad_RoundTripsEveryBlobByteForByte()
    {
        var source = new MemoryObjectStorage();
        var big = RandomNumberGenerator.GetBytes(200_000);
        var blobs = new Dictionary<string, (string Bucket, byte[] Bytes)>();
        foreach (var (bucket, bytes) in new[] { ("one", big), ("one", Array.Empty<byte>()), ("two", "tiny"u8.ToArray()) })
        {
            var stored = await source.WriteAsync(bucket, new MemoryStream(bytes), default);
            blobs[stored.BlobId] = (bucket, bytes);
        }

        var first = blobs.Keys.First();
        var joined = await source.ConcatenateAsync("one", [first, first], default);
        blobs[joined.BlobId] = ("one", [.. big, .. big]);

        MemorySnapshotFile.Write(SnapshotPath, source.Blobs(), default);
        var loaded = new MemoryObjectStorage();
        loaded.Load(SnapshotPath);

        Assert.Equal(blobs.Count, loaded.BlobCount);
        Assert.Equal(source.UsedBytes, loaded.UsedBytes);
        foreach (var (id, (bucket, bytes)) in blobs)
        {
            Assert.Equal(bytes, await ReadAllAsync(loaded, bucket, id));
            Assert.False(loaded.Contains(bucket == "one" ? "two" : "one", id));
        }
    }

    [Fact]
    public async Task Write_ReplacesThePreviousSnapshot_AndLeavesNoTempFile()
    {
        var storage = new MemoryObjectStorage();
        var old = await storage.WriteAsync("b", new MemoryStream([1, 2, 3]), default);
        MemorySnapshotFile.Write(SnapshotPath, storage.Blobs(), default);
        await storage.DeleteAsync("b", old.BlobId, default);
        var kept = await storage.WriteAsync("b", new MemoryStream([4, 5]), default);
        MemorySnapshotFile.Write(SnapshotPath, storage.Blobs(), default);

        Assert.Equal([Path.GetFileName(SnapshotPath)], Directory.GetFiles(Path.GetDirectoryName(SnapshotPath)!).Select(Path.GetFileName));
        var loaded = new MemoryObjectStorage();
        loaded.Load(SnapshotPath);
        Assert.False(loaded.Contains("b", old.BlobId));
        Assert.Equal(new byte[] { 4, 5 }, await ReadAllAsync(loaded, "b", kept.BlobId));
    }

    [Fact]
    public async Task AnInterruptedWrite_KeepsThePreviousSnapshotWhole_AndItsTempFileIsRemovedAtLoad()
    {
        var storage = new MemoryObjectStorage();
        var first = await storage.WriteAsync("b", new MemoryStream(new byte[70_000]), default);
        MemorySnapshotFile.Write(SnapshotPath, storage.Blobs(), default);
        await storage.WriteAsync("b", new MemoryStream(new byte[10]), default);

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        Assert.Throws<OperationCanceledException>(() => MemorySnapshotFile.Write(SnapshotPath, storage.Blobs(), cancelled.Token));
        // What a kill -9 in the middle of a write leaves: a temp file beside the snapshot.
        await File.WriteAllTextAsync(SnapshotPath + ".tmp-deadbeef", "half a snapshot");

        var loaded = new MemoryObjectStorage();
        loaded.Load(SnapshotPath);
        Assert.Equal(1, loaded.BlobCount);
        Assert.Equal(70_000, (await ReadAllAsync(loaded, "b", first.BlobId)).Length);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(SnapshotPath)!));
    }

    [Fact]
    public void Load_WithoutASnapshotFile_StartsEmpty()
    {
        var loaded = new MemoryObjectStorage();
        loaded.Load(SnapshotPath);
        Assert.Equal(0, loaded.BlobCount);
    }

    private static async Task<byte[]> ReadAllAsync(IObjectStorage storage, string bucket, string id)
    {
        await using var stream = await storage.OpenReadAsync(bucket, id, 0, null, default);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
