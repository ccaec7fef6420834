using System.Collections.Concurrent;
using System.Globalization;
using BleepStore.Application.Abstractions;
using BleepStore.Infrastructure.Storage.Memory;

namespace BleepStore.Infrastructure.Tests.Reconciliation;

/// <summary>
/// A key-named gateway in memory for the key publisher's unit tests: staging blobs in the real memory backend,
/// key names in a dictionary with a generation per write (the upstream identity), reads of a key-named id checked
/// against it as the real gateways do. <see cref="Upstream"/> shows what an operator would see under a key.
/// </summary>
internal sealed class KeyNamedFakeStorage : IObjectStorage, IKeyNamedStorage
{
    private readonly MemoryObjectStorage _staging = new();
    private readonly ConcurrentDictionary<(string Bucket, string Key), (byte[] Data, long Generation)> _names = new();
    private long _generation;

    public string Name => "fake-key-names";

    public bool KeyNames => true;

    /// <summary>Thrown by the next <see cref="PublishAsync"/> before it copies, once.</summary>
    public Exception? FailNextPublish { get; set; }

    public int StagingBlobs => _staging.ListBlobsAsync("b", CancellationToken.None).ToBlockingEnumerable().Count();

    public byte[]? Upstream(string bucket, string key) => _names.TryGetValue((bucket, key), out var v) ? v.Data : null;

    public void PutUpstream(string bucket, string key, byte[] data) => _names[(bucket, key)] = (data, Interlocked.Increment(ref _generation));

    public Task<StoredBlob> WriteAsync(string bucket, Stream data, CancellationToken ct) => _staging.WriteAsync(bucket, data, ct);

    public Task<Stream> OpenReadAsync(string bucket, string blobId, long offset, long? length, CancellationToken ct)
    {
        if (!Parse(blobId, out var key, out var generation))
        {
            return _staging.OpenReadAsync(bucket, blobId, offset, length, ct);
        }

        if (!_names.TryGetValue((bucket, key), out var v) || v.Generation != generation)
        {
            throw new BlobNotFoundException(blobId);
        }

        var count = length ?? (v.Data.Length - offset);
        return Task.FromResult<Stream>(new MemoryStream(v.Data, (int)offset, (int)count, writable: false));
    }

    public Task DeleteAsync(string bucket, string blobId, CancellationToken ct) =>
        Parse(blobId, out _, out _) ? Task.CompletedTask : _staging.DeleteAsync(bucket, blobId, ct);

    public Task<StoredBlob> ConcatenateAsync(string bucket, IReadOnlyList<string> blobIds, CancellationToken ct) => _staging.ConcatenateAsync(bucket, blobIds, ct);

    public Task CreateBucketAsync(string bucket, CancellationToken ct) => Task.CompletedTask;

    public Task DeleteBucketAsync(string bucket, CancellationToken ct) => _staging.DeleteBucketAsync(bucket, ct);

    public Task CheckHealthAsync(CancellationToken ct) => Task.CompletedTask;

    public Task RecoverAsync(CancellationToken ct) => Task.CompletedTask;

    public IAsyncEnumerable<BlobListing> ListBlobsAsync(string bucket, CancellationToken ct) => _staging.ListBlobsAsync(bucket, ct);

    /// <summary>Keys ending in '/' cannot be named here (as on Azure, which would fold "a/" into "a").</summary>
    public bool CanName(string bucket, string key) => !key.EndsWith('/');

    public string? KeyOf(string blobId) => Parse(blobId, out var key, out _) ? key : null;

    public async Task<string> PublishAsync(string bucket, string key, string stagedBlobId, CancellationToken ct)
    {
        if (FailNextPublish is { } failure)
        {
            FailNextPublish = null;
            throw failure;
        }

        using var copy = new MemoryStream();
        await using (var source = await _staging.OpenReadAsync(bucket, stagedBlobId, 0, null, ct))
        {
            await source.CopyToAsync(copy, ct);
        }

        var generation = Interlocked.Increment(ref _generation);
        _names[(bucket, key)] = (copy.ToArray(), generation);
        return "k:" + generation.ToString(CultureInfo.InvariantCulture) + ":" + key;
    }

    /// <summary>Thrown by the next <see cref="ConcatenateToKeyAsync"/> after it wrote the key's name, once.</summary>
    public Exception? FailNextJoinAfterWrite { get; set; }

    public async Task<StoredBlob> ConcatenateToKeyAsync(string bucket, string key, IReadOnlyList<string> blobIds, CancellationToken ct)
    {
        using var joined = new MemoryStream();
        foreach (var id in blobIds)
        {
            await using var source = await _staging.OpenReadAsync(bucket, id, 0, null, ct);
            await source.CopyToAsync(joined, ct);
        }

        var generation = Interlocked.Increment(ref _generation);
        _names[(bucket, key)] = (joined.ToArray(), generation);
        if (FailNextJoinAfterWrite is { } failure)
        {
            FailNextJoinAfterWrite = null;
            throw failure;
        }

        return new StoredBlob("k:" + generation.ToString(CultureInfo.InvariantCulture) + ":" + key, joined.Length);
    }

    /// <summary>Called by <see cref="WriteToKeyAsync"/> after it read the body and before it writes the key's name.</summary>
    public Func<Task>? BeforeNextKeyWrite { get; set; }

    /// <summary>Thrown by the next <see cref="WriteToKeyAsync"/> after it wrote the key's name, once (a crash's stand-in).</summary>
    public Exception? FailNextKeyWriteAfterWrite { get; set; }

    public int KeyWrites;

    public async Task<StoredBlob> WriteToKeyAsync(string bucket, string key, Stream data, CancellationToken ct)
    {
        using var body = new MemoryStream();
        await data.CopyToAsync(body, ct);
        if (BeforeNextKeyWrite is { } before)
        {
            BeforeNextKeyWrite = null;
            await before();
        }

        ct.ThrowIfCancellationRequested();
        Interlocked.Increment(ref KeyWrites);
        var generation = Interlocked.Increment(ref _generation);
        _names[(bucket, key)] = (body.ToArray(), generation);
        if (FailNextKeyWriteAfterWrite is { } failure)
        {
            FailNextKeyWriteAfterWrite = null;
            throw failure;
        }

        return new StoredBlob("k:" + generation.ToString(CultureInfo.InvariantCulture) + ":" + key, body.Length);
    }

    /// <summary>Thrown by the next <see cref="CopyToKeyAsync"/> after it wrote the key's name, once (a crash's stand-in).</summary>
    public Exception? FailNextCopyToKeyAfterWrite { get; set; }

    public int KeyCopies;

    public async Task<StoredBlob> CopyToKeyAsync(string sourceBucket, string sourceBlobId, string bucket, string key, CancellationToken ct)
    {
        byte[] data;
        await using (var source = await OpenReadAsync(sourceBucket, sourceBlobId, 0, null, ct))
        {
            using var copy = new MemoryStream();
            await source.CopyToAsync(copy, ct);
            data = copy.ToArray();
        }

        Interlocked.Increment(ref KeyCopies);
        var generation = Interlocked.Increment(ref _generation);
        _names[(bucket, key)] = (data, generation);
        if (FailNextCopyToKeyAfterWrite is { } failure)
        {
            FailNextCopyToKeyAfterWrite = null;
            throw failure;
        }

        return new StoredBlob("k:" + generation.ToString(CultureInfo.InvariantCulture) + ":" + key, data.Length);
    }

    public Task UnpublishAsync(string bucket, string key, CancellationToken ct)
    {
        _names.TryRemove((bucket, key), out _);
        return Task.CompletedTask;
    }

    private static bool Parse(string blobId, out string key, out long generation)
    {
        key = "";
        generation = 0;
        if (!blobId.StartsWith("k:", StringComparison.Ordinal))
        {
            return false;
        }

        var end = blobId.IndexOf(':', 2);
        generation = long.Parse(blobId[2..end], CultureInfo.InvariantCulture);
        key = blobId[(end + 1)..];
        return true;
    }
}
