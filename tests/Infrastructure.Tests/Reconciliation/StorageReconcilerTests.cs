using BleepStore.Application.Abstractions;
using BleepStore.Application.Objects;
using BleepStore.Infrastructure.Metadata.Sqlite;
using BleepStore.Infrastructure.Storage.Local;
using BleepStore.Infrastructure.Storage.Memory;
using BleepStore.Infrastructure.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace BleepStore.Infrastructure.Tests.Reconciliation;

/// <summary>Rows and blobs reconciled on the real SQLite store: after a memory-backend restart, and orphans on disk.</summary>
public sealed class StorageReconcilerTests : IDisposable
{
    private const string Bucket = "bkt";
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly TempDirectory _dir = new();
    private readonly SqliteMetadataStore _store;

    public StorageReconcilerTests()
    {
        _store = new SqliteMetadataStore(Path.Combine(_dir.Path, "metadata.db"));
        _store.TryCreateBucketAsync(Records.Bucket(Bucket), Ct).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task DropRowsWithoutBytes_MemoryBackendRestarted_RemovesRowsAndUploadsWhoseBlobsAreGone()
    {
        var before = new MemoryObjectStorage();
        var lost = await before.WriteAsync(Bucket, new MemoryStream(new byte[100_000]), Ct);
        await _store.PutObjectAsync(Records.Object(Bucket, "lost") with { BlobId = lost.BlobId, Size = lost.Size }, WriteCondition.None, Ct);
        await _store.PutObjectAsync(Records.Object(Bucket, "inline") with { BlobId = "", InlineData = [1, 2, 3] }, WriteCondition.None, Ct);
        await _store.CreateUploadAsync(Records.Upload(Bucket, "up", "u1"), Ct);
        await _store.PutPartAsync(Records.Part("u1", 1, (await before.WriteAsync(Bucket, new MemoryStream([1]), Ct)).BlobId), Ct);

        // The restart: the metadata file survives, RAM does not; one blob comes back (as from a snapshot).
        var after = new MemoryObjectStorage();
        var kept = await after.WriteAsync(Bucket, new MemoryStream([7, 7]), Ct);
        await _store.PutObjectAsync(Records.Object(Bucket, "kept") with { BlobId = kept.BlobId, Size = 2 }, WriteCondition.None, Ct);

        var removed = await Reconciler(after).DropRowsWithoutBytesAsync(Ct);

        Assert.Equal(2, removed);
        Assert.Null(await _store.GetObjectAsync(Bucket, "lost", Ct));
        Assert.NotNull(await _store.GetObjectAsync(Bucket, "inline", Ct));
        Assert.NotNull(await _store.GetObjectAsync(Bucket, "kept", Ct));
        Assert.Null(await _store.GetUploadAsync("u1", Ct));
        var listed = await _store.ListObjectsAsync(Bucket, "", null, false, 100, Ct);
        Assert.Equal(["inline", "kept"], listed.Select(o => o.Key));
    }

    [Fact]
    public async Task SweepOrphans_LocalBackend_DeletesOnlyUnnamedBlobsOlderThanGrace()
    {
        var storage = new LocalObjectStorage(Path.Combine(_dir.Path, "objects"));
        var named = await storage.WriteAsync(Bucket, new MemoryStream([1]), Ct);
        var part = await storage.WriteAsync(Bucket, new MemoryStream([2]), Ct);
        var orphan = await storage.WriteAsync(Bucket, new MemoryStream([3]), Ct);
        await _store.PutObjectAsync(Records.Object(Bucket, "k") with { BlobId = named.BlobId, Size = 1 }, WriteCondition.None, Ct);
        await _store.CreateUploadAsync(Records.Upload(Bucket, "up", "u1"), Ct);
        await _store.PutPartAsync(Records.Part("u1", 1, part.BlobId), Ct);

        // Within the grace period nothing is touched: an in-flight write may be about to commit it.
        Assert.Equal(0, await Reconciler(storage).SweepOrphansAsync(TimeSpan.FromHours(1), Ct));
        Assert.Equal(1, await Reconciler(storage).SweepOrphansAsync(TimeSpan.FromSeconds(-1), Ct));

        await Assert.ThrowsAsync<BlobNotFoundException>(() => storage.OpenReadAsync(Bucket, orphan.BlobId, 0, null, Ct));
        (await storage.OpenReadAsync(Bucket, named.BlobId, 0, null, Ct)).Dispose();
        (await storage.OpenReadAsync(Bucket, part.BlobId, 0, null, Ct)).Dispose();
    }

    [Fact]
    public async Task SweepOrphans_OnAnotherClusterNode_KeepsABlobAnInFlightWriteIsAboutToCommit()
    {
        // Two nodes over one shared root: node B has written a blob and not yet committed its row when node A
        // (holding the background lease) sweeps. Only the blob's age protects it: A has no view of B's requests.
        var nodeA = new LocalObjectStorage(Path.Combine(_dir.Path, "objects"), "node-a");
        var nodeB = new LocalObjectStorage(Path.Combine(_dir.Path, "objects"), "node-b");
        var inFlight = await nodeB.WriteAsync(Bucket, new MemoryStream([1]), Ct);

        Assert.Equal(0, await Reconciler(nodeA).SweepOrphansAsync(StorageReconciler.DefaultGrace, Ct));
        await _store.PutObjectAsync(Records.Object(Bucket, "k") with { BlobId = inFlight.BlobId, Size = 1 }, WriteCondition.None, Ct);
        Assert.Equal(0, await Reconciler(nodeA).SweepOrphansAsync(TimeSpan.FromSeconds(-1), Ct));

        (await nodeA.OpenReadAsync(Bucket, inFlight.BlobId, 0, null, Ct)).Dispose();
    }

    [Fact]
    public async Task SweepOrphans_VersionedBucket_KeepsNoncurrentVersionsBlobs()
    {
        var storage = new LocalObjectStorage(Path.Combine(_dir.Path, "objects"));
        await _store.SetBucketVersioningAsync(Bucket, "Enabled", Ct);
        var old = await storage.WriteAsync(Bucket, new MemoryStream([1]), Ct);
        var current = await storage.WriteAsync(Bucket, new MemoryStream([2]), Ct);
        var hidden = await storage.WriteAsync(Bucket, new MemoryStream([3]), Ct);
        var orphan = await storage.WriteAsync(Bucket, new MemoryStream([4]), Ct);
        await _store.PutObjectAsync(Records.Object(Bucket, "k") with { BlobId = old.BlobId, Size = 1 }, WriteCondition.None, Ct);
        await _store.PutObjectAsync(Records.Object(Bucket, "k") with { BlobId = current.BlobId, Size = 1 }, WriteCondition.None, Ct);
        await _store.PutObjectAsync(Records.Object(Bucket, "gone") with { BlobId = hidden.BlobId, Size = 1 }, WriteCondition.None, Ct);
        await _store.DeleteCurrentAsync(Bucket, "gone", Records.Alice, Records.T0, Ct);

        Assert.Equal(1, await Reconciler(storage).SweepOrphansAsync(TimeSpan.FromSeconds(-1), Ct));

        await Assert.ThrowsAsync<BlobNotFoundException>(() => storage.OpenReadAsync(Bucket, orphan.BlobId, 0, null, Ct));
        foreach (var kept in new[] { old, current, hidden })
        {
            (await storage.OpenReadAsync(Bucket, kept.BlobId, 0, null, Ct)).Dispose();
        }
    }

    [Fact]
    public async Task DropRowsWithoutBytes_VersionedBucket_DropsNoncurrentVersionsWhoseBlobsAreGone()
    {
        await _store.SetBucketVersioningAsync(Bucket, "Enabled", Ct);
        var before = new MemoryObjectStorage();
        var lost = await before.WriteAsync(Bucket, new MemoryStream([1]), Ct);
        await _store.PutObjectAsync(Records.Object(Bucket, "k") with { BlobId = lost.BlobId, Size = 1 }, WriteCondition.None, Ct);
        var after = new MemoryObjectStorage();
        var kept = await after.WriteAsync(Bucket, new MemoryStream([2]), Ct);
        await _store.PutObjectAsync(Records.Object(Bucket, "k") with { BlobId = kept.BlobId, Size = 1 }, WriteCondition.None, Ct);

        Assert.Equal(1, await Reconciler(after).DropRowsWithoutBytesAsync(Ct));

        var versions = await _store.ListObjectVersionsAsync(Bucket, "", null, false, null, 10, Ct);
        Assert.Equal([kept.BlobId], versions.Select(v => v.Record.BlobId));
    }

    private StorageReconciler Reconciler(IObjectStorage storage) =>
        new(_store, storage, new BlobReaper(NullLogger<BlobReaper>.Instance), SystemClock.Instance, NullLogger<StorageReconciler>.Instance);
}
