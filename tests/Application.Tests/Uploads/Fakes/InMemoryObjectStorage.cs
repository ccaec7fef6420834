using System.Collections.Concurrent;
using BleepStore.Application.Abstractions;

namespace BleepStore.Application.Tests.Uploads.Fakes;

/// <summary>Blobs in memory; records deletions and how many read streams were open at once.</summary>
internal sealed class InMemoryObjectStorage : IObjectStorage
{
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);
    private int _nextId;
    private int _open;
    private Func<Task>? _beforeNextRead;

    public string Name => "test-memory";

    public ConcurrentBag<string> Deleted { get; } = [];

    /// <summary>Blobs made by <see cref="ConcatenateAsync"/>, in order.</summary>
    public List<string> ConcatenatedBlobs { get; } = [];

    public bool TruncateConcatenations { get; set; }

    /// <summary>Blobs made by <see cref="CopyAsync"/> (server-side copies), in order.</summary>
    public List<string> Copies { get; } = [];

    public int MaxOpenReads { get; private set; }

    /// <summary>Run once, at the start of the next read or server-side copy (to race a write against it).</summary>
    public Func<Task>? BeforeNextRead
    {
        get => _beforeNextRead;
        set => _beforeNextRead = value;
    }

    public IReadOnlyCollection<string> BlobIds => [.. _blobs.Keys];

    public byte[] Read(string blobId) => _blobs[blobId];

    public bool Exists(string blobId) => _blobs.ContainsKey(blobId);

    public string Put(byte[] data)
    {
        var id = "blob-" + Interlocked.Increment(ref _nextId);
        _blobs[id] = data;
        return id;
    }

    public async Task<StoredBlob> WriteAsync(string bucket, Stream data, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int n;
        while ((n = await data.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, n);
        }

        var id = Put(buffer.ToArray());
        return new StoredBlob(id, buffer.Length);
    }

    public async Task<Stream> OpenReadAsync(string bucket, string blobId, long offset, long? length, CancellationToken ct)
    {
        await RunBeforeReadAsync();
        if (!_blobs.TryGetValue(blobId, out var data))
        {
            throw new BlobNotFoundException(blobId);
        }

        var count = (int)Math.Min(length ?? long.MaxValue, data.Length - offset);
        MaxOpenReads = Math.Max(MaxOpenReads, Interlocked.Increment(ref _open));
        return new TrackedStream(data, (int)offset, count, () => Interlocked.Decrement(ref _open));
    }

    public Task DeleteAsync(string bucket, string blobId, CancellationToken ct)
    {
        Deleted.Add(blobId);
        _blobs.TryRemove(blobId, out _);
        return Task.CompletedTask;
    }

    public async Task<StoredBlob> ConcatenateAsync(string bucket, IReadOnlyList<string> blobIds, CancellationToken ct)
    {
        using var joined = new MemoryStream();
        foreach (var id in blobIds)
        {
            await using var source = await OpenReadAsync(bucket, id, 0, null, ct);
            await source.CopyToAsync(joined, ct);
        }

        // A backend that lost a byte on the way: Complete must notice by the length.
        var data = TruncateConcatenations ? joined.ToArray()[..^1] : joined.ToArray();
        ConcatenatedBlobs.Add(Put(data));
        return new StoredBlob(ConcatenatedBlobs.Last(), data.Length);
    }

    public async Task<StoredBlob> CopyAsync(string sourceBucket, string sourceBlobId, string bucket, CancellationToken ct)
    {
        await RunBeforeReadAsync();
        if (!_blobs.TryGetValue(sourceBlobId, out var data))
        {
            throw new BlobNotFoundException(sourceBlobId);
        }

        await Task.Yield();
        var id = Put(data);
        Copies.Add(id);
        return new StoredBlob(id, data.Length);
    }

    public Task CreateBucketAsync(string bucket, CancellationToken ct) => Task.CompletedTask;

    public Task DeleteBucketAsync(string bucket, CancellationToken ct) => Task.CompletedTask;

    public Task CheckHealthAsync(CancellationToken ct) => Task.CompletedTask;

    public Task RecoverAsync(CancellationToken ct) => Task.CompletedTask;

    private async Task RunBeforeReadAsync()
    {
        if (Interlocked.Exchange(ref _beforeNextRead, null) is { } hook)
        {
            await hook();
        }
    }

    private sealed class TrackedStream(byte[] data, int offset, int count, Action onClose) : MemoryStream(data, offset, count, writable: false)
    {
        private bool _closed;

        protected override void Dispose(bool disposing)
        {
            if (!_closed)
            {
                _closed = true;
                onClose();
            }

            base.Dispose(disposing);
        }
    }
}
