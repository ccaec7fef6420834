using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using BleepStore.Application.Abstractions;
using Google.Apis.Storage.v1.Data;
using Google.Cloud.Storage.V1;

namespace BleepStore.Infrastructure.Storage.Gcp;

/// <summary>
/// Bytes in a Google Cloud Storage bucket. Each blob id is one object, <c>{prefix}.blobs/{bucket}/{id}</c>
/// (decision 7), created with <c>ifGenerationMatch=0</c> so that no write ever replaces an object. With
/// <c>keyNames</c> those are staging blobs, published to <c>{prefix}{bucket}/{key}</c> by server-side copy
/// (decision 10); a key-named id is <c>k:{generation}:{key}</c> and reads ask for exactly that generation.
/// </summary>
public sealed class GcsObjectStorage : IObjectStorage, IKeyNamedStorage
{
    /// <summary>Resumable-upload chunk: a multiple of 256 KiB; one is buffered per write.</summary>
    public const int DefaultChunkSize = 8 * 1024 * 1024;

    /// <summary>GCS composes at most 32 sources per call.</summary>
    internal const int MaxComposeSources = 32;

    // Unread downloaded bytes held per reader before the download waits.
    private const long PauseReaderBytes = 1024 * 1024;

    // The client library's download buffer (one per download; its default is 10 MiB, on the large object heap, and
    // written into the pipe in one piece): kept under the large-object threshold.
    private const int DownloadChunkSize = 64 * 1024;

    private readonly StorageClient _client;
    private readonly string _bucket;
    private readonly string _prefix;
    private readonly int _chunkSize;

    public GcsObjectStorage(StorageClient client, string bucket, string prefix, int chunkSize = DefaultChunkSize, bool keyNames = false)
    {
        _client = client;
        _bucket = bucket;
        _prefix = prefix;
        _chunkSize = chunkSize;
        KeyNames = keyNames;
    }

    public string Name => "gcp";

    public bool KeyNames { get; }

    /// <summary>Object names are at most 1024 UTF-8 bytes, without carriage return or line feed.</summary>
    public bool CanName(string bucket, string key) => KeyName(bucket, key) is var name && name.AsSpan().IndexOfAny('\r', '\n') < 0 && KeyNamedId.IsSafeName(name, 1024);

    public string? KeyOf(string blobId) => KeyNamedId.TryParse(blobId, out var key, out _) ? key : null;

    public async Task<string> PublishAsync(string bucket, string key, string stagedBlobId, CancellationToken ct)
    {
        if (!BlobIds.IsValid(stagedBlobId))
        {
            throw new BlobNotFoundException(stagedBlobId);
        }

        try
        {
            var created = await _client.CopyObjectAsync(_bucket, ObjectName(bucket, stagedBlobId), _bucket, KeyName(bucket, key), cancellationToken: ct).ConfigureAwait(false);
            return KeyNamedId.Format(created.Generation?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0", key);
        }
        catch (Exception ex) when (GcsErrors.Is(ex, HttpStatusCode.NotFound))
        {
            throw new BlobNotFoundException(stagedBlobId);
        }
        catch (Exception ex) when (GcsErrors.Translate(ex) is { } translated)
        {
            throw translated;
        }
    }

    public async Task UnpublishAsync(string bucket, string key, CancellationToken ct)
    {
        try
        {
            await DeleteNameAsync(KeyName(bucket, key), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (GcsErrors.Translate(ex) is { } translated)
        {
            throw translated;
        }
    }

    public async Task<StoredBlob> WriteAsync(string bucket, Stream data, CancellationToken ct)
    {
        var id = BlobIds.New();
        var source = new FailureCapturingStream(data);
        try
        {
            var created = await _client.UploadObjectAsync(
                _bucket, ObjectName(bucket, id), "application/octet-stream", source,
                new UploadObjectOptions { IfGenerationMatch = 0, ChunkSize = _chunkSize }, ct).ConfigureAwait(false);
            return new StoredBlob(id, (long)(created.Size ?? 0));
        }
        catch (Exception ex)
        {
            // An unfinished resumable upload is not an object; GCS drops the session after a week.
            throw source.Failure is { } failure ? Rethrow(failure) : GcsErrors.Translate(ex) ?? Rethrow(ex);
        }
    }

    public async Task<Stream> OpenReadAsync(string bucket, string blobId, long offset, long? length, CancellationToken ct)
    {
        var (name, generation) = ExistingSource(bucket, blobId);
        try
        {
            if (length == 0)
            {
                await _client.GetObjectAsync(_bucket, name, new GetObjectOptions { Generation = generation }, ct).ConfigureAwait(false);
                return Stream.Null;
            }

            return await StartDownloadAsync(name, offset, length, generation, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (GcsErrors.Is(ex, HttpStatusCode.NotFound) || (generation is not null && GcsErrors.Is(ex, HttpStatusCode.PreconditionFailed)))
        {
            throw new BlobNotFoundException(blobId);
        }
        catch (Exception ex) when (GcsErrors.Is(ex, HttpStatusCode.RequestedRangeNotSatisfiable))
        {
            // The offset is at or past the end of an existing object: nothing to read.
            return Stream.Null;
        }
        catch (Exception ex) when (GcsErrors.Translate(ex) is { } translated)
        {
            throw translated;
        }
    }

    public async Task DeleteAsync(string bucket, string blobId, CancellationToken ct)
    {
        if (!BlobIds.IsValid(blobId))
        {
            return;
        }

        try
        {
            await _client.DeleteObjectAsync(_bucket, ObjectName(bucket, blobId), cancellationToken: ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (GcsErrors.Is(ex, HttpStatusCode.NotFound))
        {
        }
        catch (Exception ex) when (ex is Google.GoogleApiException or HttpRequestException)
        {
            // Deletes run after a commit; a failure leaves an orphan, which callers log, not a failed request.
            throw new IOException($"GCS could not delete blob {blobId}: {ex.Message}", ex);
        }
    }

    /// <summary>Server-side compose (sources never pass through here), in rounds of at most 32 sources.</summary>
    public async Task<StoredBlob> ConcatenateAsync(string bucket, IReadOnlyList<string> blobIds, CancellationToken ct)
    {
        if (blobIds.Count == 0)
        {
            return await WriteAsync(bucket, Stream.Null, ct).ConfigureAwait(false);
        }

        foreach (var source in blobIds)
        {
            if (!BlobIds.IsValid(source))
            {
                throw new BlobNotFoundException(source);
            }
        }

        var id = BlobIds.New();
        var composer = new GcsComposer(_client, _bucket, ObjectName(bucket, id));
        try
        {
            var created = await composer.ComposeAsync([.. blobIds.Select(b => ObjectName(bucket, b))], ct).ConfigureAwait(false);
            return new StoredBlob(id, (long)(created.Size ?? 0));
        }
        catch (Exception ex) when (GcsErrors.Is(ex, HttpStatusCode.NotFound))
        {
            throw new BlobNotFoundException(blobIds[0]);
        }
        catch (Exception ex) when (GcsErrors.Translate(ex) is { } translated)
        {
            throw translated;
        }
        finally
        {
            await composer.DeleteIntermediatesAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Multipart Complete in place (decision 0010): the parts are composed straight into <c>{prefix}{bucket}/{key}</c>,
    /// replacing what is there. Above 32 parts, intermediates are composed first under fresh staging names (which
    /// the orphan sweep finds if a crash leaves one) and deleted after the last compose.
    /// </summary>
    /// <summary>
    /// PutObject in place (decision 0010): the body uploads straight to the key's name (resumable upload, no
    /// generation precondition: it replaces what is there); the new generation is the key-named id's identity.
    /// </summary>
    public async Task<StoredBlob> WriteToKeyAsync(string bucket, string key, Stream data, CancellationToken ct)
    {
        var source = new FailureCapturingStream(data);
        try
        {
            var created = await _client.UploadObjectAsync(
                _bucket, KeyName(bucket, key), "application/octet-stream", source, new UploadObjectOptions { ChunkSize = _chunkSize }, ct).ConfigureAwait(false);
            return new StoredBlob(KeyNamedId.Format(created.Generation?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0", key), (long)(created.Size ?? 0));
        }
        catch (Exception ex)
        {
            throw source.Failure is { } failure ? Rethrow(failure) : GcsErrors.Translate(ex) ?? Rethrow(ex);
        }
    }

    public async Task<StoredBlob> ConcatenateToKeyAsync(string bucket, string key, IReadOnlyList<string> blobIds, CancellationToken ct)
    {
        foreach (var source in blobIds)
        {
            if (!BlobIds.IsValid(source))
            {
                throw new BlobNotFoundException(source);
            }
        }

        var composer = new GcsComposer(_client, _bucket, KeyName(bucket, key), () => ObjectName(bucket, BlobIds.New()));
        try
        {
            var created = blobIds.Count == 0
                ? await _client.UploadObjectAsync(_bucket, KeyName(bucket, key), "application/octet-stream", Stream.Null, cancellationToken: ct).ConfigureAwait(false)
                : await composer.ComposeAsync([.. blobIds.Select(b => ObjectName(bucket, b))], ct).ConfigureAwait(false);
            return new StoredBlob(KeyNamedId.Format(created.Generation?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0", key), (long)(created.Size ?? 0));
        }
        catch (Exception ex) when (GcsErrors.Is(ex, HttpStatusCode.NotFound))
        {
            throw new BlobNotFoundException(blobIds[0]);
        }
        catch (Exception ex) when (GcsErrors.Translate(ex) is { } translated)
        {
            throw translated;
        }
        finally
        {
            await composer.DeleteIntermediatesAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// CopyObject in place (decision 0010): a server-side copy of the source (of exactly the generation a key-named
    /// source carries) straight to the key's name, replacing what is there; the new generation is the id's identity.
    /// </summary>
    public async Task<StoredBlob> CopyToKeyAsync(string sourceBucket, string sourceBlobId, string bucket, string key, CancellationToken ct)
    {
        var created = await CopyNameAsync(sourceBucket, sourceBlobId, KeyName(bucket, key), ifGenerationMatch: null, ct).ConfigureAwait(false);
        return new StoredBlob(KeyNamedId.Format(created.Generation?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0", key), (long)(created.Size ?? 0));
    }

    /// <summary>Server-side rewrite to a fresh name; the bytes never pass through here.</summary>
    public async Task<StoredBlob> CopyAsync(string sourceBucket, string sourceBlobId, string bucket, CancellationToken ct)
    {
        var id = BlobIds.New();
        var created = await CopyNameAsync(sourceBucket, sourceBlobId, ObjectName(bucket, id), ifGenerationMatch: 0, ct).ConfigureAwait(false);
        return new StoredBlob(id, (long)(created.Size ?? 0));
    }

    /// <summary>
    /// A server-side copy of an existing source to <paramref name="target"/> (with <paramref name="ifGenerationMatch"/>
    /// 0: only if the target does not exist); a missing source (or one whose generation changed) is <see cref="BlobNotFoundException"/>.
    /// </summary>
    private async Task<Google.Apis.Storage.v1.Data.Object> CopyNameAsync(string sourceBucket, string sourceBlobId, string target, long? ifGenerationMatch, CancellationToken ct)
    {
        var (source, generation) = ExistingSource(sourceBucket, sourceBlobId);
        try
        {
            return await _client.CopyObjectAsync(
                _bucket, source, _bucket, target,
                new CopyObjectOptions { IfGenerationMatch = ifGenerationMatch, IfSourceGenerationMatch = generation }, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (GcsErrors.Is(ex, HttpStatusCode.NotFound) || (generation is not null && GcsErrors.Is(ex, HttpStatusCode.PreconditionFailed)))
        {
            throw new BlobNotFoundException(sourceBlobId);
        }
        catch (Exception ex) when (GcsErrors.Translate(ex) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Buckets are name prefixes inside the upstream bucket: nothing to create.</summary>
    public Task CreateBucketAsync(string bucket, CancellationToken ct) => Task.CompletedTask;

    public async Task DeleteBucketAsync(string bucket, CancellationToken ct)
    {
        try
        {
            await foreach (var item in _client.ListObjectsAsync(_bucket, BucketPrefix(bucket)).WithCancellation(ct).ConfigureAwait(false))
            {
                await DeleteNameAsync(item.Name, ct).ConfigureAwait(false);
            }

            if (KeyNames)
            {
                await foreach (var item in _client.ListObjectsAsync(_bucket, _prefix + bucket + "/").WithCancellation(ct).ConfigureAwait(false))
                {
                    await DeleteNameAsync(item.Name, ct).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (GcsErrors.Translate(ex) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Fails when the bucket is missing, the credential is refused or GCS is unreachable.</summary>
    public async Task CheckHealthAsync(CancellationToken ct) =>
        await _client.GetBucketAsync(_bucket, cancellationToken: ct).ConfigureAwait(false);

    /// <summary>Nothing half-written is visible upstream: an unfinished resumable upload is not an object.</summary>
    public Task RecoverAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// The bucket's objects under <c>{prefix}.blobs/{bucket}/</c> with their size and creation time (one listing, no
    /// reads), for the orphan sweep and fsck. Key-named objects are the user's names, never swept.
    /// </summary>
    public async IAsyncEnumerable<BlobListing> ListBlobsAsync(string bucket, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var prefix = BucketPrefix(bucket);
        await using var items = _client.ListObjectsAsync(_bucket, prefix).WithCancellation(ct).ConfigureAwait(false).GetAsyncEnumerator();
        while (true)
        {
            Google.Apis.Storage.v1.Data.Object item;
            try
            {
                if (!await items.MoveNextAsync())
                {
                    yield break;
                }

                item = items.Current;
            }
            catch (Exception ex) when (GcsErrors.Translate(ex) is { } translated)
            {
                throw translated;
            }

            var id = item.Name[prefix.Length..];
            if (BlobIds.IsValid(id))
            {
                var written = item.TimeCreatedDateTimeOffset ?? item.UpdatedDateTimeOffset ?? DateTimeOffset.MaxValue;
                yield return new BlobListing(id, written, item.Size is { } size ? (long)size : -1);
            }
        }
    }

    internal string BucketPrefix(string bucket) => $"{_prefix}.blobs/{bucket}/";

    private string ObjectName(string bucket, string blobId) => BucketPrefix(bucket) + blobId;

    /// <summary>The upstream name of a key-named object: <c>{prefix}{bucket}/{key}</c>.</summary>
    private string KeyName(string bucket, string key) => _prefix + bucket + "/" + key;

    /// <summary>Where an existing blob is, and the generation it must have (key-named ids only).</summary>
    private (string Name, long? Generation) ExistingSource(string bucket, string blobId)
    {
        if (KeyNamedId.TryParse(blobId, out var key, out var identity) && long.TryParse(identity, System.Globalization.CultureInfo.InvariantCulture, out var generation))
        {
            return (KeyName(bucket, key), generation);
        }

        return BlobIds.IsValid(blobId) ? (ObjectName(bucket, blobId), null) : throw new BlobNotFoundException(blobId);
    }

    private async Task DeleteNameAsync(string name, CancellationToken ct)
    {
        try
        {
            await _client.DeleteObjectAsync(_bucket, name, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (GcsErrors.Is(ex, HttpStatusCode.NotFound))
        {
        }
    }

    /// <summary>
    /// Downloads in the background into a bounded pipe and returns its read side once the first bytes (or
    /// the end, or the failure) arrived, so a missing object fails here rather than mid-response. The range
    /// is sent upstream.
    /// </summary>
    private async Task<Stream> StartDownloadAsync(string name, long offset, long? length, long? generation, CancellationToken ct)
    {
        var options = new DownloadObjectOptions { Generation = generation, ChunkSize = DownloadChunkSize };
        if (offset > 0 || length is not null)
        {
            options.Range = new RangeHeaderValue(offset, length is { } n ? offset + n - 1 : null);
        }

        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: PauseReaderBytes, resumeWriterThreshold: PauseReaderBytes / 2, useSynchronizationContext: false));
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var download = Task.Run(
            async () =>
            {
                try
                {
                    var sink = pipe.Writer.AsStream(leaveOpen: true);
                    await using (sink.ConfigureAwait(false))
                    {
                        await _client.DownloadObjectAsync(_bucket, name, sink, options, cancel.Token).ConfigureAwait(false);
                    }

                    await pipe.Writer.CompleteAsync().ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    await pipe.Writer.CompleteAsync(ex).ConfigureAwait(false);
                }
            },
            CancellationToken.None);

        try
        {
            var first = await pipe.Reader.ReadAsync(ct).ConfigureAwait(false);
            pipe.Reader.AdvanceTo(first.Buffer.Start);
        }
        catch
        {
            await cancel.CancelAsync().ConfigureAwait(false);
            await pipe.Reader.CompleteAsync().ConfigureAwait(false);
            await download.ConfigureAwait(false);
            cancel.Dispose();
            throw;
        }

        return new GcsReadStream(pipe.Reader.AsStream(), cancel, download);
    }

    private static Exception Rethrow(Exception ex)
    {
        ExceptionDispatchInfo.Throw(ex);
        return ex;
    }
}
