using System.Collections.Concurrent;
using BleepStore.Application.Abstractions;
using BleepStore.Domain.Errors;

namespace BleepStore.Infrastructure.Storage.Memory;

/// <summary>
/// Blobs in RAM, lost at exit. <c>maxSizeBytes</c> (0 = unlimited) caps the bytes held; a write that
/// would pass it fails with 503 ServiceUnavailable "storage full" (spec 95 #39) and leaves nothing behind.
/// A concatenation shares its sources' chunks but counts its full length against the cap until deleted.
/// With <c>persistence: snapshot</c> the blobs are written to a snapshot file (<see cref="MemorySnapshotFile"/>)
/// periodically and at shutdown, and loaded at start; writes acknowledged after the last snapshot are lost at a
/// crash, and start-up removes the metadata rows that name them (StorageReconciler, because <see cref="LosesBlobsOnRestart"/>).
/// </summary>
public sealed class MemoryObjectStorage(long maxSizeBytes = 0) : IObjectStorage
{
    // Below the 85,000-byte large-object-heap threshold, so chunks are ordinary gen-0 allocations.
    private const int ChunkSize = 64 * 1024;

    private readonly ConcurrentDictionary<string, MemoryBlob> _blobs = new(StringComparer.Ordinal);
    private long _used;

    public string Name => "memory";

    /// <summary>Bytes currently counted against the cap.</summary>
    public long UsedBytes => Interlocked.Read(ref _used);

    internal int BlobCount => _blobs.Count;

    /// <summary>The blobs now held; each is immutable, so the list is a consistent snapshot of what it names.</summary>
    internal IReadOnlyList<KeyValuePair<string, MemoryBlob>> Blobs() => _blobs.ToArray();

    internal bool Contains(string bucket, string blobId) => _blobs.TryGetValue(blobId, out var blob) && blob.Bucket == bucket;

    /// <summary>Adds the blobs of a snapshot at start-up; they count against the cap but never fail it.</summary>
    internal void Load(string snapshotPath)
    {
        foreach (var (id, bucket, chunks, length, writtenAt) in MemorySnapshotFile.Read(snapshotPath, ChunkSize))
        {
            Interlocked.Add(ref _used, length);
            _blobs[id] = NewBlob(bucket, chunks, length, writtenAt);
        }
    }

    public async Task<StoredBlob> WriteAsync(string bucket, Stream data, CancellationToken ct)
    {
        var chunks = new List<byte[]>();
        long reserved = 0;
        try
        {
            while (true)
            {
                var chunk = new byte[ChunkSize];
                var filled = await StreamCopy.FillAsync(data, chunk, ct).ConfigureAwait(false);
                if (filled > 0)
                {
                    Reserve(filled);
                    reserved += filled;
                    chunks.Add(filled == ChunkSize ? chunk : chunk[..filled]);
                }

                if (filled < ChunkSize)
                {
                    break;
                }
            }
        }
        catch
        {
            Interlocked.Add(ref _used, -reserved);
            throw;
        }

        return Store(bucket, chunks, reserved);
    }

    public Task<Stream> OpenReadAsync(string bucket, string blobId, long offset, long? length, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var blob = Find(bucket, blobId);
        var start = Math.Min(Math.Max(offset, 0), blob.Length);
        var end = length is { } n ? Math.Min(blob.Length, start + n) : blob.Length;
        return Task.FromResult<Stream>(new MemoryBlobStream(blob, start, end));
    }

    public Task DeleteAsync(string bucket, string blobId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (_blobs.TryGetValue(blobId, out var blob) && blob.Bucket == bucket && _blobs.TryRemove(new KeyValuePair<string, MemoryBlob>(blobId, blob)))
        {
            Interlocked.Add(ref _used, -blob.Length);
        }

        return Task.CompletedTask;
    }

    public Task<StoredBlob> ConcatenateAsync(string bucket, IReadOnlyList<string> blobIds, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var chunks = new List<byte[]>();
        long total = 0;
        foreach (var id in blobIds)
        {
            var source = Find(bucket, id);
            chunks.AddRange(source.Chunks);
            total += source.Length;
        }

        Reserve(total);
        return Task.FromResult(Store(bucket, chunks, total));
    }

    public Task CreateBucketAsync(string bucket, CancellationToken ct) => Task.CompletedTask;

    public Task DeleteBucketAsync(string bucket, CancellationToken ct)
    {
        foreach (var (id, blob) in _blobs)
        {
            if (blob.Bucket == bucket && _blobs.TryRemove(new KeyValuePair<string, MemoryBlob>(id, blob)))
            {
                Interlocked.Add(ref _used, -blob.Length);
            }
        }

        return Task.CompletedTask;
    }

    public Task CheckHealthAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>RAM does not survive the process; a snapshot brings back only what it held.</summary>
    public bool LosesBlobsOnRestart => true;

    public async IAsyncEnumerable<BlobListing> ListBlobsAsync(string bucket, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        foreach (var (id, blob) in _blobs)
        {
            ct.ThrowIfCancellationRequested();
            if (blob.Bucket == bucket)
            {
                yield return new BlobListing(id, blob.WrittenAt, blob.Length);
            }
        }
    }

    public Task RecoverAsync(CancellationToken ct) => Task.CompletedTask;

    private void Reserve(long bytes)
    {
        var used = Interlocked.Add(ref _used, bytes);
        if (maxSizeBytes > 0 && used > maxSizeBytes)
        {
            Interlocked.Add(ref _used, -bytes);
            throw new S3Exception(S3Errors.ServiceUnavailable, "The memory storage backend is full.");
        }
    }

    private StoredBlob Store(string bucket, List<byte[]> chunks, long length)
    {
        var id = BlobIds.New();
        _blobs[id] = NewBlob(bucket, chunks, length, DateTimeOffset.UtcNow);
        return new StoredBlob(id, length);
    }

    private static MemoryBlob NewBlob(string bucket, List<byte[]> chunks, long length, DateTimeOffset writtenAt)
    {
        var starts = new long[chunks.Count];
        long offset = 0;
        for (var i = 0; i < chunks.Count; i++)
        {
            starts[i] = offset;
            offset += chunks[i].Length;
        }

        return new MemoryBlob(bucket, [.. chunks], starts, length, writtenAt);
    }

    private MemoryBlob Find(string bucket, string blobId) =>
        _blobs.TryGetValue(blobId, out var blob) && blob.Bucket == bucket ? blob : throw new BlobNotFoundException(blobId);
}
