namespace BleepStore.Application.Abstractions;

/// <summary>
/// The bytes port. Every write makes a new blob with a fresh id, so no write ever changes bytes that
/// a metadata row already points to: an overwrite is "write new blob, commit row, delete old blob".
/// Blob ids are opaque to callers and are stored in the metadata rows.
/// </summary>
public interface IObjectStorage
{
    /// <summary>Backend name for health output: local, memory, sqlite, aws, gcp, azure.</summary>
    string Name { get; }

    /// <summary>
    /// Copies <paramref name="data"/> to a new blob, reading until the stream ends, and makes it durable
    /// (local: temp file, fsync, rename) before returning. If reading throws, nothing is left behind
    /// and the exception propagates unchanged.
    /// </summary>
    Task<StoredBlob> WriteAsync(string bucket, Stream data, CancellationToken ct);

    /// <summary>
    /// Opens a blob for reading from <paramref name="offset"/>, at most <paramref name="length"/> bytes
    /// (null = to the end). Throws <see cref="BlobNotFoundException"/> when the blob is missing.
    /// </summary>
    Task<Stream> OpenReadAsync(string bucket, string blobId, long offset, long? length, CancellationToken ct);

    /// <summary>Deletes a blob; missing blobs are not an error.</summary>
    Task DeleteAsync(string bucket, string blobId, CancellationToken ct);

    /// <summary>
    /// Concatenates blobs, in order, into a new durable blob (multipart Complete). Sources stay. A missing
    /// source throws <see cref="BlobNotFoundException"/> and leaves nothing behind.
    /// </summary>
    Task<StoredBlob> ConcatenateAsync(string bucket, IReadOnlyList<string> blobIds, CancellationToken ct);

    /// <summary>
    /// Copies a whole blob into a new durable blob of <paramref name="bucket"/> (CopyObject). The default
    /// streams the bytes through this process; gateways override it with the upstream's server-side copy.
    /// A missing source throws <see cref="BlobNotFoundException"/>.
    /// </summary>
    async Task<StoredBlob> CopyAsync(string sourceBucket, string sourceBlobId, string bucket, CancellationToken ct)
    {
        var source = await OpenReadAsync(sourceBucket, sourceBlobId, 0, null, ct).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            return await WriteAsync(bucket, source, ct).ConfigureAwait(false);
        }
    }

    Task CreateBucketAsync(string bucket, CancellationToken ct);

    /// <summary>Removes the bucket's namespace; called after the metadata says it is empty.</summary>
    Task DeleteBucketAsync(string bucket, CancellationToken ct);

    /// <summary>Throws when the backend cannot serve (root missing, upstream unreachable).</summary>
    Task CheckHealthAsync(CancellationToken ct);

    /// <summary>Start-up recovery: removes what a crash left half-written (temp files).</summary>
    Task RecoverAsync(CancellationToken ct);

    /// <summary>
    /// True when blobs may be gone after a restart although rows named them (memory, even with snapshots:
    /// writes after the last snapshot are lost). Start-up then removes rows whose blobs are gone.
    /// </summary>
    bool LosesBlobsOnRestart => false;

    /// <summary>
    /// Every blob of <paramref name="bucket"/> with the time it was written, for the orphan sweep (blobs that
    /// no row names, left by a crash between a blob's write and its metadata commit). Backends that cannot
    /// list throw <see cref="NotSupportedException"/> and are not swept.
    /// </summary>
    IAsyncEnumerable<BlobListing> ListBlobsAsync(string bucket, CancellationToken ct) =>
        throw new NotSupportedException($"The {Name} storage backend cannot list its blobs.");
}
