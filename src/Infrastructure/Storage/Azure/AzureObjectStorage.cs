using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using BleepStore.Application.Abstractions;

namespace BleepStore.Infrastructure.Storage.Azure;

/// <summary>
/// Bytes in an Azure Blob container. Each blob id is one block blob, <c>{prefix}.blobs/{bucket}/{id}</c>
/// (decision 0007): written once under a fresh name, never overwritten, so a crash between the upload
/// and the metadata commit can only leave an orphan, never change bytes a row points at. With
/// <c>keyNames</c> those are staging blobs, published to <c>{prefix}{bucket}/{key}</c> by server-side Copy Blob
/// (decision 10); a key-named id is <c>k:{escaped ETag}:{key}</c> and every read or copy of it carries
/// <c>If-Match</c> with that ETag.
/// </summary>
public sealed class AzureObjectStorage : IObjectStorage, IKeyNamedStorage
{
    /// <summary>4 MiB blocks: 50,000 of them make the 195 GiB largest blob; two are held per write.</summary>
    public const int DefaultBlockSize = 4 * 1024 * 1024;

    private readonly BlobContainerClient _container;
    private readonly string _prefix;
    private readonly int _blockSize;

    public AzureObjectStorage(BlobContainerClient container, string prefix, int blockSize = DefaultBlockSize, bool keyNames = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        _container = container;
        _prefix = prefix;
        _blockSize = blockSize;
        KeyNames = keyNames;
    }

    public string Name => "azure";

    public bool KeyNames { get; }

    /// <summary>Blob names are at most 1024 characters; Azure folds a trailing <c>/</c> or <c>.</c> (<c>a/</c> would be <c>a</c>).</summary>
    public bool CanName(string bucket, string key) => KeyName(bucket, key) is var name && name.Length <= 1024 && KeyNamedId.IsSafeName(name, int.MaxValue, noTrailingDotOrSlash: true);

    public string? KeyOf(string blobId) => KeyNamedId.TryParse(blobId, out var key, out _) ? key : null;

    public async Task<string> PublishAsync(string bucket, string key, string stagedBlobId, CancellationToken ct)
    {
        if (!BlobIds.IsValid(stagedBlobId))
        {
            throw new BlobNotFoundException(stagedBlobId);
        }

        var target = _container.GetBlockBlobClient(KeyName(bucket, key));
        try
        {
            var copy = await target.StartCopyFromUriAsync(Blob(bucket, stagedBlobId).Uri, new BlobCopyFromUriOptions(), ct).ConfigureAwait(false);
            await copy.WaitForCompletionAsync(TimeSpan.FromMilliseconds(200), ct).ConfigureAwait(false);
            var properties = await target.GetPropertiesAsync(cancellationToken: ct).ConfigureAwait(false);
            if (properties.Value.CopyStatus != CopyStatus.Success)
            {
                throw new IOException($"Azure copy of blob {stagedBlobId} to '{key}' ended {properties.Value.CopyStatus}: {properties.Value.CopyStatusDescription}");
            }

            return KeyNamedId.Format(properties.Value.ETag.ToString(), key);
        }
        catch (RequestFailedException ex) when (AzureErrors.IsNotFound(ex))
        {
            throw new BlobNotFoundException(stagedBlobId);
        }
        catch (Exception ex) when (AzureErrors.Translate(ex) is { } translated)
        {
            throw translated;
        }
    }

    public async Task UnpublishAsync(string bucket, string key, CancellationToken ct)
    {
        try
        {
            await _container.DeleteBlobIfExistsAsync(KeyName(bucket, key), cancellationToken: ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (AzureErrors.Translate(ex) is { } translated)
        {
            throw translated;
        }
    }

    public async Task<StoredBlob> WriteAsync(string bucket, Stream data, CancellationToken ct)
    {
        var id = BlobIds.New();
        await using var writer = new AzureBlockWriter(Blob(bucket, id), _blockSize);
        try
        {
            await writer.AppendAsync(data, ct).ConfigureAwait(false);
            await writer.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await writer.DiscardAsync().ConfigureAwait(false);
            throw AzureErrors.Translate(ex) ?? Rethrow(ex);
        }

        return new StoredBlob(id, writer.Size);
    }

    public async Task<Stream> OpenReadAsync(string bucket, string blobId, long offset, long? length, CancellationToken ct)
    {
        var (name, conditions) = ExistingSource(bucket, blobId);
        var blob = _container.GetBlobClient(name);
        try
        {
            if (length == 0)
            {
                await blob.GetPropertiesAsync(conditions, ct).ConfigureAwait(false);
                return Stream.Null;
            }

            // One ranged GET whose body is streamed through: the range is cut upstream, and a reader
            // keeps its bytes even if the blob is deleted while it reads.
            var range = offset == 0 && length is null ? default : new HttpRange(offset, length);
            var response = await blob.DownloadStreamingAsync(new BlobDownloadOptions { Range = range, Conditions = conditions }, ct).ConfigureAwait(false);
            return response.Value.Content;
        }
        catch (RequestFailedException ex) when (AzureErrors.IsNotFound(ex) || (conditions is not null && ex.Status == 412))
        {
            throw new BlobNotFoundException(blobId);
        }
        catch (RequestFailedException ex) when (ex.Status == 416)
        {
            // The offset is at or past the end of an existing blob (or the blob is empty): nothing to read.
            return Stream.Null;
        }
        catch (Exception ex) when (AzureErrors.Translate(ex) is { } translated)
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
            await Blob(bucket, blobId).DeleteIfExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or HttpRequestException)
        {
            // Deletes run after a commit; a failure leaves an orphan, which callers log, not a failed request.
            throw new IOException($"Azure could not delete blob {blobId}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Streams the sources, in order, into the blocks of a new blob. Azure's server-side Put Block From
    /// URL would avoid the round trip but is missing from Azurite, the emulator the gateway is tested on.
    /// </summary>
    public async Task<StoredBlob> ConcatenateAsync(string bucket, IReadOnlyList<string> blobIds, CancellationToken ct)
    {
        var id = BlobIds.New();
        await using var writer = new AzureBlockWriter(Blob(bucket, id), _blockSize);
        try
        {
            foreach (var source in blobIds)
            {
                await using var stream = await OpenReadAsync(bucket, source, 0, null, ct).ConfigureAwait(false);
                await writer.AppendAsync(stream, ct).ConfigureAwait(false);
            }

            await writer.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await writer.DiscardAsync().ConfigureAwait(false);
            throw AzureErrors.Translate(ex) ?? Rethrow(ex);
        }

        return new StoredBlob(id, writer.Size);
    }

    /// <summary>
    /// Multipart Complete in place (decision 0010): the parts stream, in order, into blocks staged on
    /// <c>{prefix}{bucket}/{key}</c> itself under per-write block ids, and one Put Block List makes them the blob, so
    /// no Copy Blob follows. The parts are not staged there at UploadPart: Put Blob, Copy Blob and Put Block List
    /// on a blob discard every uncommitted block they do not name, so any other write of the key while an upload
    /// is open would destroy its acknowledged parts (see docs/storage-backends.md).
    /// </summary>
    public async Task<StoredBlob> ConcatenateToKeyAsync(string bucket, string key, IReadOnlyList<string> blobIds, CancellationToken ct)
    {
        foreach (var source in blobIds)
        {
            if (!BlobIds.IsValid(source))
            {
                throw new BlobNotFoundException(source);
            }
        }

        await using var writer = new AzureBlockWriter(_container.GetBlockBlobClient(KeyName(bucket, key)), _blockSize, replace: true);
        try
        {
            foreach (var source in blobIds)
            {
                await using var stream = await OpenReadAsync(bucket, source, 0, null, ct).ConfigureAwait(false);
                await writer.AppendAsync(stream, ct).ConfigureAwait(false);
            }

            var etag = await writer.CommitAsync(ct).ConfigureAwait(false);
            return new StoredBlob(KeyNamedId.Format(etag.ToString(), key), writer.Size);
        }
        catch (Exception ex)
        {
            await writer.DiscardAsync().ConfigureAwait(false);
            throw AzureErrors.Translate(ex) ?? Rethrow(ex);
        }
    }

    /// <summary>
    /// PutObject in place (decision 0010): the body streams into blocks staged on the key's blob (block ids with a
    /// per-write nonce) and one Put Block List commits them, replacing what is there; the blob's ETag after the
    /// commit is the key-named id's identity. A failure before the commit leaves the committed blob as it was.
    /// </summary>
    public async Task<StoredBlob> WriteToKeyAsync(string bucket, string key, Stream data, CancellationToken ct)
    {
        await using var writer = new AzureBlockWriter(_container.GetBlockBlobClient(KeyName(bucket, key)), _blockSize, replace: true);
        try
        {
            await writer.AppendAsync(data, ct).ConfigureAwait(false);
            var etag = await writer.CommitAsync(ct).ConfigureAwait(false);
            return new StoredBlob(KeyNamedId.Format(etag.ToString(), key), writer.Size);
        }
        catch (Exception ex)
        {
            await writer.DiscardAsync().ConfigureAwait(false);
            throw AzureErrors.Translate(ex) ?? Rethrow(ex);
        }
    }

    /// <summary>
    /// CopyObject in place (decision 0010): server-side Copy Blob of the source (under the ETag a key-named source
    /// carries) straight to the key's blob, replacing what is there; the blob's ETag after the copy is the id's identity.
    /// </summary>
    public async Task<StoredBlob> CopyToKeyAsync(string sourceBucket, string sourceBlobId, string bucket, string key, CancellationToken ct)
    {
        var properties = await CopyBlobAsync(sourceBucket, sourceBlobId, _container.GetBlockBlobClient(KeyName(bucket, key)), destination: null, ct).ConfigureAwait(false);
        return new StoredBlob(KeyNamedId.Format(properties.ETag.ToString(), key), properties.ContentLength);
    }

    /// <summary>Server-side Copy Blob inside the container, to a fresh name; the bytes never pass through here.</summary>
    public async Task<StoredBlob> CopyAsync(string sourceBucket, string sourceBlobId, string bucket, CancellationToken ct)
    {
        var id = BlobIds.New();
        var properties = await CopyBlobAsync(sourceBucket, sourceBlobId, Blob(bucket, id), new BlobRequestConditions { IfNoneMatch = ETag.All }, ct).ConfigureAwait(false);
        return new StoredBlob(id, properties.ContentLength);
    }

    /// <summary>
    /// Copy Blob of an existing source into <paramref name="target"/> under <paramref name="destination"/>'s conditions,
    /// waited for; the target's properties after it. A missing source (or one whose identity changed) is
    /// <see cref="BlobNotFoundException"/>, and a fresh target (one with destination conditions) is removed again.
    /// </summary>
    private async Task<BlobProperties> CopyBlobAsync(string sourceBucket, string sourceBlobId, BlockBlobClient target, BlobRequestConditions? destination, CancellationToken ct)
    {
        var (source, conditions) = ExistingSource(sourceBucket, sourceBlobId);
        try
        {
            var copy = await target.StartCopyFromUriAsync(
                _container.GetBlobClient(source).Uri,
                new BlobCopyFromUriOptions { DestinationConditions = destination, SourceConditions = conditions },
                ct).ConfigureAwait(false);
            await copy.WaitForCompletionAsync(TimeSpan.FromMilliseconds(200), ct).ConfigureAwait(false);
            var properties = (await target.GetPropertiesAsync(cancellationToken: ct).ConfigureAwait(false)).Value;
            if (properties.CopyStatus != CopyStatus.Success)
            {
                throw new IOException($"Azure copy of blob {sourceBlobId} to {target.Name} ended {properties.CopyStatus}: {properties.CopyStatusDescription}");
            }

            return properties;
        }
        catch (RequestFailedException ex) when (AzureErrors.IsNotFound(ex) || (conditions is not null && ex.Status == 412))
        {
            if (destination is not null)
            {
                await target.DeleteIfExistsAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }

            throw new BlobNotFoundException(sourceBlobId);
        }
        catch (Exception ex) when (AzureErrors.Translate(ex) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Buckets are name prefixes inside the container: nothing to create.</summary>
    public Task CreateBucketAsync(string bucket, CancellationToken ct) => Task.CompletedTask;

    public async Task DeleteBucketAsync(string bucket, CancellationToken ct)
    {
        try
        {
            await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = BucketPrefix(bucket) }, ct).ConfigureAwait(false))
            {
                await _container.DeleteBlobIfExistsAsync(item.Name, cancellationToken: ct).ConfigureAwait(false);
            }

            if (KeyNames)
            {
                await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = _prefix + bucket + "/" }, ct).ConfigureAwait(false))
                {
                    await _container.DeleteBlobIfExistsAsync(item.Name, cancellationToken: ct).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (AzureErrors.Translate(ex) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Fails when the container is missing, the credential is refused or the account is unreachable.</summary>
    public async Task CheckHealthAsync(CancellationToken ct) =>
        await _container.GetPropertiesAsync(cancellationToken: ct).ConfigureAwait(false);

    /// <summary>
    /// Nothing half-written is visible upstream: uncommitted blocks of a write cut short are invisible
    /// and expire (Azure drops them after 7 days).
    /// </summary>
    public Task RecoverAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// The bucket's blobs under <c>{prefix}.blobs/{bucket}/</c> with their size and last-modified time (one listing,
    /// no reads), for the orphan sweep and fsck. Key-named objects are the user's names, never swept.
    /// </summary>
    public async IAsyncEnumerable<BlobListing> ListBlobsAsync(string bucket, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var prefix = BucketPrefix(bucket);
        var pages = _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, ct).ConfigureAwait(false);
        await using var items = pages.GetAsyncEnumerator();
        while (true)
        {
            BlobItem item;
            try
            {
                if (!await items.MoveNextAsync())
                {
                    yield break;
                }

                item = items.Current;
            }
            catch (Exception ex) when (AzureErrors.Translate(ex) is { } translated)
            {
                throw translated;
            }

            var id = item.Name[prefix.Length..];
            if (BlobIds.IsValid(id))
            {
                yield return new BlobListing(id, item.Properties.LastModified ?? DateTimeOffset.MaxValue, item.Properties.ContentLength ?? -1);
            }
        }
    }

    internal string BucketPrefix(string bucket) => $"{_prefix}.blobs/{bucket}/";

    private string BlobName(string bucket, string blobId) => BucketPrefix(bucket) + blobId;

    private BlockBlobClient Blob(string bucket, string blobId) => _container.GetBlockBlobClient(BlobName(bucket, blobId));

    /// <summary>The upstream name of a key-named object: <c>{prefix}{bucket}/{key}</c>.</summary>
    private string KeyName(string bucket, string key) => _prefix + bucket + "/" + key;

    /// <summary>Where an existing blob is, and the ETag it must still have (key-named ids only).</summary>
    private (string Name, BlobRequestConditions? Conditions) ExistingSource(string bucket, string blobId)
    {
        if (KeyNamedId.TryParse(blobId, out var key, out var etag))
        {
            return (KeyName(bucket, key), new BlobRequestConditions { IfMatch = new ETag(etag) });
        }

        return BlobIds.IsValid(blobId) ? (BlobName(bucket, blobId), null) : throw new BlobNotFoundException(blobId);
    }

    private static Exception Rethrow(Exception ex)
    {
        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex);
        return ex;
    }
}
