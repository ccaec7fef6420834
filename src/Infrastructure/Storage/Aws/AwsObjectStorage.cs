using Amazon.S3;
using Amazon.S3.Model;
using BleepStore.Application.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BleepStore.Infrastructure.Storage.Aws;

/// <summary>
/// Blobs as objects of one upstream S3 bucket: <c>{prefix}.blobs/{bucket}/{blobId}</c> (decision 0007). Every
/// write is a new upstream object that no row names yet, so a crash at any moment leaves at worst an
/// unnamed upstream object, never a row whose bytes changed. Bodies stream in bounded buffers; reads
/// forward the range upstream; copies and multipart assembly run upstream (CopyObject, UploadPartCopy).
/// With <see cref="AwsGatewayOptions.KeyNames"/> those blobs are staging blobs, published to
/// <c>{prefix}{bucket}/{key}</c> by server-side copy (decision 0010); a key-named id is
/// <c>k:{escaped upstream ETag}:{key}</c> and every read or copy of it is conditional on that ETag.
/// </summary>
public sealed class AwsObjectStorage : IObjectStorage, IKeyNamedStorage, IDisposable
{
    private readonly AwsUpstream _upstream;
    private readonly AwsBlobWriter _writer;
    private readonly AwsAssembler _assembler;
    private readonly bool _ownsClient;

    public AwsObjectStorage(AwsGatewayOptions options, ILogger<AwsObjectStorage>? logger = null)
        : this(AwsClients.Create(options), options, logger, ownsClient: true)
    {
    }

    internal AwsObjectStorage(IAmazonS3 client, AwsGatewayOptions options, ILogger? logger, bool ownsClient)
    {
        ArgumentException.ThrowIfNullOrEmpty(options.Bucket);
        _upstream = new AwsUpstream(client, options, logger ?? NullLogger.Instance);
        _writer = new AwsBlobWriter(_upstream);
        _assembler = new AwsAssembler(_upstream, _writer);
        _ownsClient = ownsClient;
    }

    public string Name => "aws";

    internal AwsGatewayOptions Options => _upstream.Options;

    public bool KeyNames => _upstream.Options.KeyNames;

    public async Task<StoredBlob> WriteAsync(string bucket, Stream data, CancellationToken ct)
    {
        var id = BlobIds.New();
        var (size, _) = await _writer.WriteAsync(Key(bucket, id), data, ct).ConfigureAwait(false);
        return new StoredBlob(id, size);
    }

    public async Task<Stream> OpenReadAsync(string bucket, string blobId, long offset, long? length, CancellationToken ct)
    {
        var (key, ifMatch) = ExistingSource(bucket, blobId);
        if (length == 0)
        {
            return await _upstream.SizeAsync(key, ct, ifMatch).ConfigureAwait(false) is null ? throw new BlobNotFoundException(blobId) : Stream.Null;
        }

        // The range goes upstream: only the requested bytes travel.
        var range = offset > 0 || length is not null ? new ByteRange(offset, length is { } n ? offset + n - 1 : long.MaxValue - 1) : null;
        try
        {
            var response = await _upstream.GetAsync(key, range, ct, ifMatch).ConfigureAwait(false) ?? throw new BlobNotFoundException(blobId);
            return new UpstreamReadStream(response);
        }
        catch (AwsUpstream.RangeNotSatisfiableException)
        {
            // Offset at or past the end (S3 answers 416): the slice is empty if the blob exists.
            return await _upstream.SizeAsync(key, ct, ifMatch).ConfigureAwait(false) is null ? throw new BlobNotFoundException(blobId) : Stream.Null;
        }
    }

    /// <summary>
    /// Deletes a staging blob. A key-named id is left alone: its name may already hold a newer object's bytes, and
    /// only the key publisher, holding the key's claim, removes it (<see cref="UnpublishAsync"/>).
    /// </summary>
    public Task DeleteAsync(string bucket, string blobId, CancellationToken ct) =>
        BlobIds.IsValid(blobId) && IsStorableBucket(bucket) ? _upstream.DeleteAsync(Key(bucket, blobId), ct) : Task.CompletedTask;

    /// <summary>S3 keys are at most 1024 UTF-8 bytes.</summary>
    public bool CanName(string bucket, string key) => IsStorableBucket(bucket) && KeyNamedId.IsSafeName(KeyName(bucket, key), 1024);

    public string? KeyOf(string blobId) => KeyNamedId.TryParse(blobId, out var key, out _) ? key : null;

    public async Task<string> PublishAsync(string bucket, string key, string stagedBlobId, CancellationToken ct)
    {
        var source = ExistingKey(bucket, stagedBlobId);
        var (_, etag) = await _assembler.CopyAsync(KeyName(bucket, key), source, null, stagedBlobId, ct).ConfigureAwait(false);
        return KeyNamedId.Format(etag, key);
    }

    public Task UnpublishAsync(string bucket, string key, CancellationToken ct) =>
        IsStorableBucket(bucket) ? _upstream.DeleteAsync(KeyName(bucket, key), ct) : Task.CompletedTask;

    /// <summary>
    /// Multipart Complete in place (decision 0010): the parts are part-copied upstream straight into
    /// <c>{prefix}{bucket}/{key}</c>, so the object is never copied a second time.
    /// </summary>
    public async Task<StoredBlob> ConcatenateToKeyAsync(string bucket, string key, IReadOnlyList<string> blobIds, CancellationToken ct)
    {
        var sources = new string[blobIds.Count];
        for (var i = 0; i < sources.Length; i++)
        {
            sources[i] = ExistingKey(bucket, blobIds[i]);
        }

        var (size, etag) = await _assembler.ConcatenateAsync(KeyName(bucket, key), sources, blobIds, ct).ConfigureAwait(false);
        return new StoredBlob(KeyNamedId.Format(etag, key), size);
    }

    /// <summary>
    /// PutObject in place (decision 0010): the body streams straight to <c>{prefix}{bucket}/{key}</c> (one PutObject,
    /// or an upstream multipart upload above the part size), so it is never copied a second time.
    /// </summary>
    public async Task<StoredBlob> WriteToKeyAsync(string bucket, string key, Stream data, CancellationToken ct)
    {
        var (size, etag) = await _writer.WriteAsync(KeyName(bucket, key), data, ct).ConfigureAwait(false);
        return new StoredBlob(KeyNamedId.Format(etag, key), size);
    }

    /// <summary>
    /// CopyObject in place (decision 0010): an upstream CopyObject (UploadPartCopy above 5 GiB) of the source, under the
    /// ETag a key-named source carries, straight to <c>{prefix}{bucket}/{key}</c>, so it is never copied a second time.
    /// </summary>
    public async Task<StoredBlob> CopyToKeyAsync(string sourceBucket, string sourceBlobId, string bucket, string key, CancellationToken ct)
    {
        var (source, ifMatch) = ExistingSource(sourceBucket, sourceBlobId);
        var (size, etag) = await _assembler.CopyAsync(KeyName(bucket, key), source, ifMatch, sourceBlobId, ct).ConfigureAwait(false);
        return new StoredBlob(KeyNamedId.Format(etag, key), size);
    }

    /// <summary>Parts are always staging blobs; a key-named id here is not found.</summary>
    public async Task<StoredBlob> ConcatenateAsync(string bucket, IReadOnlyList<string> blobIds, CancellationToken ct)
    {
        var sources = new string[blobIds.Count];
        for (var i = 0; i < sources.Length; i++)
        {
            sources[i] = ExistingKey(bucket, blobIds[i]);
        }

        var id = BlobIds.New();
        var (size, _) = await _assembler.ConcatenateAsync(Key(bucket, id), sources, blobIds, ct).ConfigureAwait(false);
        return new StoredBlob(id, size);
    }

    public async Task<StoredBlob> CopyAsync(string sourceBucket, string sourceBlobId, string bucket, CancellationToken ct)
    {
        var (source, ifMatch) = ExistingSource(sourceBucket, sourceBlobId);
        var id = BlobIds.New();
        var (size, _) = await _assembler.CopyAsync(Key(bucket, id), source, ifMatch, sourceBlobId, ct).ConfigureAwait(false);
        return new StoredBlob(id, size);
    }

    /// <summary>Nothing upstream: a bucket is a key prefix, which exists as soon as a blob has it.</summary>
    public Task CreateBucketAsync(string bucket, CancellationToken ct) => Task.CompletedTask;

    /// <summary>The metadata says the bucket is empty, so whatever is left under its prefix is orphaned bytes.</summary>
    public async Task DeleteBucketAsync(string bucket, CancellationToken ct)
    {
        if (!IsStorableBucket(bucket))
        {
            return;
        }

        await foreach (var blob in ListAsync(bucket, ct).ConfigureAwait(false))
        {
            await _upstream.DeleteAsync(blob.Key, ct).ConfigureAwait(false);
        }

        if (KeyNames)
        {
            await foreach (var item in ListPrefixAsync(_upstream.Options.Prefix + bucket + "/", ct).ConfigureAwait(false))
            {
                await _upstream.DeleteAsync(item.Key, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One listing call: proves the endpoint answers, the credentials sign and the bucket exists.</summary>
    public Task CheckHealthAsync(CancellationToken ct) => _upstream.ListAsync(_upstream.Options.Prefix, null, 1, ct);

    /// <summary>
    /// The start-up check: the upstream bucket must answer a listing with these credentials, else start-up
    /// stops with one line naming the key to fix. There is nothing to undo: a write a crash interrupted
    /// left no named upstream object (an unfinished upstream multipart upload at most, see docs).
    /// </summary>
    public Task RecoverAsync(CancellationToken ct) => AwsStartupCheck.RunAsync(_upstream, ct);

    public async IAsyncEnumerable<BlobListing> ListBlobsAsync(string bucket, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (!IsStorableBucket(bucket))
        {
            yield break;
        }

        await foreach (var item in ListAsync(bucket, ct).ConfigureAwait(false))
        {
            var id = item.Key[(item.Key.LastIndexOf('/') + 1)..];
            if (BlobIds.IsValid(id))
            {
                yield return new BlobListing(id, item.LastModified is { } at ? new DateTimeOffset(at.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.MaxValue, item.Size ?? -1);
            }
        }
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _upstream.Client.Dispose();
        }
    }

    /// <summary>Every upstream object under the bucket's prefix.</summary>
    internal IAsyncEnumerable<S3Object> ListAsync(string bucket, CancellationToken ct) => ListPrefixAsync(BucketPrefix(bucket), ct);

    private async IAsyncEnumerable<S3Object> ListPrefixAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? token = null;
        do
        {
            var page = await _upstream.ListAsync(prefix, token, 1000, ct).ConfigureAwait(false);
            foreach (var item in page.S3Objects ?? [])
            {
                yield return item;
            }

            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
    }

    private static bool IsStorableBucket(string bucket) =>
        !string.IsNullOrEmpty(bucket) && bucket.AsSpan().IndexOfAny('/', '\\', '\0') < 0;

    /// <summary>Bucket names cannot start with '.', so these names never collide with key-named objects (<c>{prefix}{bucket}/{key}</c>).</summary>
    private string BucketPrefix(string bucket) => _upstream.Options.Prefix + ".blobs/" + bucket + "/";

    private string Key(string bucket, string blobId) =>
        IsStorableBucket(bucket) ? BucketPrefix(bucket) + blobId : throw new ArgumentException($"'{bucket}' is not a storable bucket name.", nameof(bucket));

    /// <summary>The upstream name of a key-named object: <c>{prefix}{bucket}/{key}</c>.</summary>
    private string KeyName(string bucket, string key) =>
        IsStorableBucket(bucket) ? _upstream.Options.Prefix + bucket + "/" + key : throw new ArgumentException($"'{bucket}' is not a storable bucket name.", nameof(bucket));

    /// <summary>Where an existing blob is upstream, and the ETag it must still have (key-named ids only).</summary>
    private (string Key, string? IfMatch) ExistingSource(string bucket, string blobId) =>
        KeyNamedId.TryParse(blobId, out var key, out var etag) && IsStorableBucket(bucket) ? (KeyName(bucket, key), etag) : (ExistingKey(bucket, blobId), null);

    /// <summary>The upstream key of an existing blob; an id this backend never makes is simply not found.</summary>
    private string ExistingKey(string bucket, string blobId) =>
        BlobIds.IsValid(blobId) && IsStorableBucket(bucket) ? Key(bucket, blobId) : throw new BlobNotFoundException(blobId);
}
