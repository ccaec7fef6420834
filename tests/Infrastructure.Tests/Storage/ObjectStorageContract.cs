using BleepStore.Application.Abstractions;
using BleepStore.Infrastructure.Tests.TestSupport;

namespace BleepStore.Infrastructure.Tests.Storage;

/// <summary>The bytes port's contract; every backend runs it through a subclass.</summary>
public abstract class ObjectStorageContract : IDisposable
{
    protected const string BucketName = "bucket-1";

    // Above the 128 KiB copy buffer and the SQLite backend's 1 MiB in-memory staging limit.
    protected const int LargeSize = (1024 * 1024) + (300 * 1024) + 7;

    protected ObjectStorageContract()
    {
        Directory = new TempDirectory();
        Storage = CreateStorage(Directory.Path);
        Storage.CreateBucketAsync(BucketName, Ct).GetAwaiter().GetResult();
    }

    protected TempDirectory Directory { get; }

    protected IObjectStorage Storage { get; private set; }

    protected static CancellationToken Ct => CancellationToken.None;

    public void Dispose()
    {
        (Storage as IDisposable)?.Dispose();
        Directory.Dispose();
        GC.SuppressFinalize(this);
    }

    protected abstract IObjectStorage CreateStorage(string directory);

    /// <summary>Every blob, temp or staging file the backend holds, for leak checks.</summary>
    protected abstract long CountArtifacts();

    /// <summary>The storage the next process opens over the same place (directory, snapshot file, upstream container).</summary>
    protected virtual IObjectStorage Reopen() => CreateStorage(Directory.Path);

    /// <summary>What a graceful stop does before the process exits (the memory backend writes its last snapshot).</summary>
    protected virtual Task StopGracefullyAsync() => Task.CompletedTask;

    /// <summary>Whether blobs committed before a graceful restart are there after it (memory without a snapshot: none are).</summary>
    protected virtual bool KeepsBlobsAcrossRestart => !Storage.LosesBlobsOnRestart;

    /// <summary>Ends this "process" (gracefully, or as kill -9 would: no stop work) and opens the storage again.</summary>
    protected async Task RestartAsync(bool graceful = true)
    {
        if (graceful)
        {
            await StopGracefullyAsync();
        }

        (Storage as IDisposable)?.Dispose();
        Storage = Reopen();
        await Storage.RecoverAsync(Ct);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(128 * 1024)]
    [InlineData(LargeSize)]
    public async Task WriteAsync_Body_RoundTripsWithSize(int size)
    {
        var data = TestBodyStream.RandomBytes(size);

        var blob = await Storage.WriteAsync(BucketName, new TestBodyStream(data, maxChunk: 7001), Ct);

        Assert.Equal(size, blob.Size);
        Assert.Equal(data, await ReadAllAsync(blob.BlobId, 0, null));
    }

    [Fact]
    public async Task WriteAsync_TwoWrites_DistinctOpaqueIds()
    {
        var a = await WriteAsync([1]);
        var b = await WriteAsync([1]);

        Assert.NotEqual(a.BlobId, b.BlobId);
        Assert.Equal([1], await ReadAllAsync(a.BlobId, 0, null));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(LargeSize)]
    public async Task WriteAsync_SourceThrowsAtEnd_PropagatesSameExceptionAndLeavesNothing(int size)
    {
        var before = CountArtifacts();
        var failure = new InvalidDataException("digest mismatch");

        var thrown = await Assert.ThrowsAsync<InvalidDataException>(
            () => Storage.WriteAsync(BucketName, new TestBodyStream(TestBodyStream.RandomBytes(size), 65536, failure), Ct));

        Assert.Same(failure, thrown);
        Assert.Equal(before, CountArtifacts());
    }

    [Theory]
    [InlineData(0, 10L)]
    [InlineData(5, 10L)]
    [InlineData(LargeSize - 3, 3L)]
    [InlineData(LargeSize - 3, 100L)]
    [InlineData(131_000, 400_000L)]
    [InlineData(17, null)]
    [InlineData(LargeSize, null)]
    public async Task OpenReadAsync_Range_ReturnsThatSlice(int offset, long? length)
    {
        var data = TestBodyStream.RandomBytes(LargeSize);
        var blob = await WriteAsync(data);

        var slice = await ReadAllAsync(blob.BlobId, offset, length);

        var end = length is { } n ? (int)Math.Min(data.Length, offset + n) : data.Length;
        Assert.Equal(data[offset..end], slice);
    }

    [Fact]
    public async Task OpenReadAsync_MissingBlob_ThrowsBlobNotFound()
    {
        var blob = await WriteAsync([1, 2, 3]);

        var ex = await Assert.ThrowsAsync<BlobNotFoundException>(() => Storage.OpenReadAsync(BucketName, "0123456789abcdef0123456789abcdef", 0, null, Ct));
        Assert.Equal("0123456789abcdef0123456789abcdef", ex.BlobId);
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Storage.OpenReadAsync(BucketName, "../../etc/passwd", 0, null, Ct));
        await Storage.CreateBucketAsync("bucket-2", Ct);
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Storage.OpenReadAsync("bucket-2", blob.BlobId, 0, null, Ct));
    }

    [Fact]
    public async Task OpenReadAsync_BlobDeletedWhileReading_ReaderKeepsItsBytes()
    {
        var data = TestBodyStream.RandomBytes(LargeSize);
        var blob = await WriteAsync(data);
        await using var stream = await Storage.OpenReadAsync(BucketName, blob.BlobId, 0, null, Ct);
        var first = new byte[1000];
        await stream.ReadExactlyAsync(first, Ct);

        await Storage.DeleteAsync(BucketName, blob.BlobId, Ct);

        using var rest = new MemoryStream();
        await stream.CopyToAsync(rest, Ct);
        Assert.Equal(data, (byte[])[.. first, .. rest.ToArray()]);
    }

    [Fact]
    public async Task DeleteAsync_Repeated_IsIdempotent()
    {
        var blob = await WriteAsync([1, 2, 3]);

        await Storage.DeleteAsync(BucketName, blob.BlobId, Ct);
        await Storage.DeleteAsync(BucketName, blob.BlobId, Ct);
        await Storage.DeleteAsync(BucketName, "not-an-id", Ct);
        await Storage.DeleteAsync("never-created", "0123456789abcdef0123456789abcdef", Ct);

        await Assert.ThrowsAsync<BlobNotFoundException>(() => Storage.OpenReadAsync(BucketName, blob.BlobId, 0, null, Ct));
        Assert.Equal(0, CountArtifacts());
    }

    [Fact]
    public async Task ConcatenateAsync_Sources_NewBlobInOrderAndSourcesStay()
    {
        var parts = new[] { TestBodyStream.RandomBytes(LargeSize, 1), TestBodyStream.RandomBytes(0), TestBodyStream.RandomBytes(5, 2), TestBodyStream.RandomBytes(200_000, 3) };
        var ids = new List<string>();
        foreach (var p in parts)
        {
            ids.Add((await WriteAsync(p)).BlobId);
        }

        var joined = await Storage.ConcatenateAsync(BucketName, [ids[3], ids[0], ids[1], ids[2]], Ct);

        byte[] expected = [.. parts[3], .. parts[0], .. parts[1], .. parts[2]];
        Assert.Equal(expected.Length, joined.Size);
        Assert.Equal(expected, await ReadAllAsync(joined.BlobId, 0, null));
        Assert.Equal(expected[199_990..200_010], await ReadAllAsync(joined.BlobId, 199_990, 20));
        Assert.Equal(expected[^8..], await ReadAllAsync(joined.BlobId, expected.Length - 8, 8));
        Assert.Equal(parts[2], await ReadAllAsync(ids[2], 0, null));
    }

    [Fact]
    public async Task ConcatenateAsync_MissingSource_ThrowsBlobNotFoundAndLeavesNothing()
    {
        var a = await WriteAsync(TestBodyStream.RandomBytes(LargeSize));
        var before = CountArtifacts();

        await Assert.ThrowsAsync<BlobNotFoundException>(() => Storage.ConcatenateAsync(BucketName, [a.BlobId, "0123456789abcdef0123456789abcdef"], Ct));

        Assert.Equal(before, CountArtifacts());
    }

    [Fact]
    public async Task DeleteBucketAsync_WithBlobs_RemovesThemOnlyThere()
    {
        await Storage.CreateBucketAsync("bucket-2", Ct);
        var gone = await WriteAsync([1, 2, 3]);
        var kept = await Storage.WriteAsync("bucket-2", new MemoryStream([4, 5]), Ct);

        await Storage.DeleteBucketAsync(BucketName, Ct);
        await Storage.DeleteBucketAsync("never-created", Ct);

        await Assert.ThrowsAsync<BlobNotFoundException>(() => Storage.OpenReadAsync(BucketName, gone.BlobId, 0, null, Ct));
        await using var stream = await Storage.OpenReadAsync("bucket-2", kept.BlobId, 0, null, Ct);
        var bytes = new byte[2];
        await stream.ReadExactlyAsync(bytes, Ct);
        Assert.Equal([4, 5], bytes);
    }

    [Fact]
    public async Task RecoverAsync_CommittedBlobs_AreKept()
    {
        var blob = await WriteAsync([9, 8, 7]);

        await Storage.RecoverAsync(Ct);

        Assert.Equal([9, 8, 7], await ReadAllAsync(blob.BlobId, 0, null));
    }

    [Fact]
    public async Task CheckHealthAsync_Fresh_Succeeds() => await Storage.CheckHealthAsync(Ct);

    [Fact]
    public async Task WriteAsync_ConcurrentWriters_AllReadBack()
    {
        var bodies = Enumerable.Range(0, 16).Select(i => TestBodyStream.RandomBytes(50_000 + i, i)).ToArray();

        var blobs = await Task.WhenAll(bodies.Select(b => Task.Run(() => Storage.WriteAsync(BucketName, new TestBodyStream(b, 4096), Ct))));

        for (var i = 0; i < bodies.Length; i++)
        {
            Assert.Equal(bodies[i], await ReadAllAsync(blobs[i].BlobId, 0, null));
        }
    }

    [Fact]
    public async Task ListBlobsAsync_Bucket_EveryBlobOfItOnceWithItsWriteTimeAndSize()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);
        var a = await WriteAsync([1]);
        var b = await WriteAsync(TestBodyStream.RandomBytes(LargeSize));
        await Storage.CreateBucketAsync("bucket-2", Ct);
        await Storage.WriteAsync("bucket-2", new MemoryStream([2]), Ct);
        var listed = new List<BlobListing>();
        await foreach (var blob in Storage.ListBlobsAsync(BucketName, Ct))
        {
            listed.Add(blob);
        }

        Assert.Equal(new[] { a.BlobId, b.BlobId }.Order(), listed.Select(l => l.BlobId).Order());
        Assert.All(listed, l => Assert.InRange(l.WrittenAt, before, DateTimeOffset.UtcNow.AddMinutes(5)));
        // fsck compares these with the rows' sizes without reading a byte.
        Assert.Equal(1, listed.Single(l => l.BlobId == a.BlobId).Size);
        Assert.Equal(LargeSize, listed.Single(l => l.BlobId == b.BlobId).Size);
        await foreach (var blob in Storage.ListBlobsAsync("never-created", Ct))
        {
            Assert.Fail("listed " + blob.BlobId);
        }
    }

    [Fact]
    public async Task Restart_CommittedBlobs_ComeBackWholeOrTheBackendLosesThemAll()
    {
        var large = TestBodyStream.RandomBytes(LargeSize);
        var small = await WriteAsync([1, 2, 3]);
        var big = await WriteAsync(large);
        var joined = await Storage.ConcatenateAsync(BucketName, [small.BlobId, big.BlobId], Ct);
        var deleted = await WriteAsync([4]);
        await Storage.DeleteAsync(BucketName, deleted.BlobId, Ct);
        var kept = KeepsBlobsAcrossRestart;

        await RestartAsync();

        await Assert.ThrowsAsync<BlobNotFoundException>(() => Storage.OpenReadAsync(BucketName, deleted.BlobId, 0, null, Ct));
        if (!kept)
        {
            foreach (var gone in new[] { small, big, joined })
            {
                await Assert.ThrowsAsync<BlobNotFoundException>(() => Storage.OpenReadAsync(BucketName, gone.BlobId, 0, null, Ct));
            }

            Assert.Equal(0, CountArtifacts());
            return;
        }

        Assert.Equal([1, 2, 3], await ReadAllAsync(small.BlobId, 0, null));
        Assert.Equal(large, await ReadAllAsync(big.BlobId, 0, null));
        Assert.Equal(large[131_000..131_100], await ReadAllAsync(big.BlobId, 131_000, 100));
        Assert.Equal((byte[])[1, 2, 3, .. large], await ReadAllAsync(joined.BlobId, 0, null));
        var listed = new List<string>();
        await foreach (var blob in Storage.ListBlobsAsync(BucketName, Ct))
        {
            listed.Add(blob.BlobId);
        }

        Assert.Equal(new[] { small.BlobId, big.BlobId, joined.BlobId }.Order(), listed.Order());
    }

    protected Task<StoredBlob> WriteAsync(byte[] data) => Storage.WriteAsync(BucketName, new TestBodyStream(data), Ct);

    protected async Task<byte[]> ReadAllAsync(string blobId, long offset, long? length)
    {
        await using var stream = await Storage.OpenReadAsync(BucketName, blobId, offset, length, Ct);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }
}
