using BleepStore.Application.Abstractions;
using BleepStore.Infrastructure.Storage.Local;
using BleepStore.Infrastructure.Tests.TestSupport;

namespace BleepStore.Infrastructure.Tests.Storage.Local;

/// <summary>
/// The local backend's write path at the edges of its 1 MiB blocks and 4 KiB alignment, run with
/// O_DIRECT (where the test filesystem allows it) and through the page cache.
/// </summary>
public abstract class LocalWritePathContract : ObjectStorageContract
{
    private const int MiB = 1 << 20;

    protected string Root => Path.Combine(Directory.Path, "objects");

    protected abstract bool DirectIo { get; }

    [Theory]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(MiB - 1)]
    [InlineData(MiB)]
    [InlineData(MiB + 1)]
    [InlineData((3 * MiB) + 4096 + 3)]
    [InlineData(4 * MiB)]
    public async Task WriteAsync_AroundBlockEdges_RoundTripsExactly(int size)
    {
        var data = TestBodyStream.RandomBytes(size, size);

        var blob = await Storage.WriteAsync(BucketName, new TestBodyStream(data, maxChunk: 65_521), Ct);

        Assert.Equal(size, blob.Size);
        Assert.Equal(size, new FileInfo(BlobFile(blob.BlobId)).Length);
        Assert.Equal(data, await ReadAllAsync(blob.BlobId, 0, null));
        Assert.Empty(System.IO.Directory.EnumerateFileSystemEntries(Path.Combine(Root, ".tmp")));
    }

    [Fact]
    public async Task WriteAsync_SourceFailsWithBlocksInFlight_SameExceptionAndNothingLeft()
    {
        var before = CountArtifacts();
        var failure = new InvalidDataException("bad digest at EOF");

        var thrown = await Assert.ThrowsAsync<InvalidDataException>(
            () => Storage.WriteAsync(BucketName, new TestBodyStream(TestBodyStream.RandomBytes(3 * MiB), 1 << 18, failure), Ct));

        Assert.Same(failure, thrown);
        Assert.Equal(before, CountArtifacts());
    }

    [Fact]
    public async Task ConcatenateAsync_PartsNotBlockAligned_JoinedInOrder()
    {
        var parts = new[] { TestBodyStream.RandomBytes(700_001, 1), TestBodyStream.RandomBytes(MiB, 2), TestBodyStream.RandomBytes(5, 3), TestBodyStream.RandomBytes(MiB + 4095, 4) };
        var ids = new List<string>();
        foreach (var part in parts)
        {
            ids.Add((await WriteAsync(part)).BlobId);
        }

        var joined = await Storage.ConcatenateAsync(BucketName, ids, Ct);

        var expected = parts.SelectMany(p => p).ToArray();
        Assert.Equal(expected.Length, joined.Size);
        Assert.Equal(expected, await ReadAllAsync(joined.BlobId, 0, null));
    }

    [Fact]
    public async Task WriteAsync_ManyAfterEachOther_BuffersReusedWithoutMixingBytes()
    {
        // Pooled blocks come back to later writes: each blob must hold only its own bytes.
        var bodies = Enumerable.Range(0, 6).Select(i => TestBodyStream.RandomBytes((2 * MiB) - (i * 1000), 100 + i)).ToArray();
        var blobs = new List<StoredBlob>();
        foreach (var body in bodies)
        {
            blobs.Add(await Storage.WriteAsync(BucketName, new TestBodyStream(body, 300_000), Ct));
        }

        for (var i = 0; i < bodies.Length; i++)
        {
            Assert.Equal(bodies[i], await ReadAllAsync(blobs[i].BlobId, 0, null));
        }
    }

    protected override IObjectStorage CreateStorage(string directory) => new LocalObjectStorage(Path.Combine(directory, "objects"), nodeId: null, DirectIo);

    protected override long CountArtifacts() => System.IO.Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Count();

    private string BlobFile(string id) => Path.Combine(Root, BucketName, id[..2], id[2..4], id);
}

/// <summary>The write path through the page cache only (what filesystems without O_DIRECT get).</summary>
public sealed class LocalObjectStorageBufferedTests : LocalWritePathContract
{
    protected override bool DirectIo => false;
}
