using System.Diagnostics;
using BleepStore.Application.Abstractions;

namespace BleepStore.Application.Diagnostics;

/// <summary>
/// Wraps a storage adapter: each call's latency goes to
/// <see cref="BleepStoreMetrics.StorageDuration"/> (<c>backend</c>, <c>operation</c>) and, when a tracer
/// listens, into a child span <c>storage.&lt;operation&gt;</c>. Everything else is passed through unchanged.
/// </summary>
public sealed class InstrumentedObjectStorage(IObjectStorage inner, BleepStoreMetrics metrics) : IObjectStorage, IDisposable, IAsyncDisposable
{
    /// <summary>The adapter itself (for hosts that need its concrete type).</summary>
    public IObjectStorage Inner { get; } = inner;

    public string Name => Inner.Name;

    public static IObjectStorage Unwrap(IObjectStorage storage) => storage is InstrumentedObjectStorage instrumented ? instrumented.Inner : storage;

    public Task<StoredBlob> WriteAsync(string bucket, Stream data, CancellationToken ct) =>
        TimeAsync("write", "storage.write", bucket, static (s, b, d, ct) => s.WriteAsync(b, d, ct), data, ct);

    public Task<Stream> OpenReadAsync(string bucket, string blobId, long offset, long? length, CancellationToken ct) =>
        TimeAsync("open_read", "storage.open_read", bucket, (s, b, _, ct) => s.OpenReadAsync(b, blobId, offset, length, ct), (object?)null, ct);

    public Task DeleteAsync(string bucket, string blobId, CancellationToken ct) =>
        TimeAsync("delete", "storage.delete", bucket, static async (s, b, id, ct) => { await s.DeleteAsync(b, id, ct).ConfigureAwait(false); return true; }, blobId, ct);

    public Task<StoredBlob> ConcatenateAsync(string bucket, IReadOnlyList<string> blobIds, CancellationToken ct) =>
        TimeAsync("concatenate", "storage.concatenate", bucket, static (s, b, ids, ct) => s.ConcatenateAsync(b, ids, ct), blobIds, ct);

    public Task<StoredBlob> CopyAsync(string sourceBucket, string sourceBlobId, string bucket, CancellationToken ct) =>
        TimeAsync("copy", "storage.copy", bucket, (s, b, _, ct) => s.CopyAsync(sourceBucket, sourceBlobId, b, ct), (object?)null, ct);

    public Task CreateBucketAsync(string bucket, CancellationToken ct) =>
        TimeAsync("create_bucket", "storage.create_bucket", bucket, static async (s, b, _, ct) => { await s.CreateBucketAsync(b, ct).ConfigureAwait(false); return true; }, (object?)null, ct);

    public Task DeleteBucketAsync(string bucket, CancellationToken ct) =>
        TimeAsync("delete_bucket", "storage.delete_bucket", bucket, static async (s, b, _, ct) => { await s.DeleteBucketAsync(b, ct).ConfigureAwait(false); return true; }, (object?)null, ct);

    public Task CheckHealthAsync(CancellationToken ct) => Inner.CheckHealthAsync(ct);

    public Task RecoverAsync(CancellationToken ct) => Inner.RecoverAsync(ct);

    public bool LosesBlobsOnRestart => Inner.LosesBlobsOnRestart;

    public IAsyncEnumerable<BlobListing> ListBlobsAsync(string bucket, CancellationToken ct) => Inner.ListBlobsAsync(bucket, ct);

    public void Dispose()
    {
        if (Inner is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Inner is IAsyncDisposable asyncDisposable)
        {
            return asyncDisposable.DisposeAsync();
        }

        Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<T> TimeAsync<T, TArg>(string operation, string spanName, string bucket, Func<IObjectStorage, string, TArg, CancellationToken, Task<T>> call, TArg arg, CancellationToken ct)
    {
        using var span = BleepStoreTracing.Source.StartActivity(spanName, ActivityKind.Internal);
        span?.SetTag("storage.backend", Inner.Name);
        span?.SetTag("s3.bucket", bucket);
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await call(Inner, bucket, arg, ct).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
        finally
        {
            if (metrics.StorageDuration.Enabled)
            {
                metrics.StorageDuration.Record(
                    Stopwatch.GetElapsedTime(started).TotalSeconds,
                    new KeyValuePair<string, object?>("backend", Inner.Name),
                    new KeyValuePair<string, object?>("operation", operation));
            }
        }
    }
}
