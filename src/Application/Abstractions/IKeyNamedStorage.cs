namespace BleepStore.Application.Abstractions;

/// <summary>
/// A gateway that keeps each object under its key upstream (<c>{prefix}{bucket}/{key}</c>, decision 0010), so
/// operators can use it with the cloud's own tools. Writes still land first as a blob of their own (a staging
/// blob, named by its id); once the row naming it is committed, <see cref="PublishAsync"/> copies it to the key's
/// name and the row is repointed at the id it returns. A key-named id carries the upstream identity of the bytes
/// it was published as (ETag, generation), and reads check it: once the name is overwritten, a read through an
/// older row fails with <see cref="BlobNotFoundException"/> instead of returning bytes that are not its row's.
/// Only <see cref="Objects.KeyPublisher"/> changes key names, under a key claim of the metadata store.
/// </summary>
public interface IKeyNamedStorage
{
    /// <summary>False when the gateway is configured to name upstream objects by blob id only.</summary>
    bool KeyNames { get; }

    /// <summary>
    /// False for a key whose upstream name this gateway cannot hold as its own: too long for the upstream, or one the
    /// upstream would fold into another key's name (Azure drops a trailing <c>/</c> or <c>.</c>, URLs fold <c>.</c> and
    /// <c>..</c> segments). Such a key is never published: its object stays on its staging blob, and nothing is ever
    /// written or deleted under the name it would have had.
    /// </summary>
    bool CanName(string bucket, string key) => true;

    /// <summary>The key an id <see cref="PublishAsync"/> returned names; null for any other id (staging blobs, parts).</summary>
    string? KeyOf(string blobId);

    /// <summary>
    /// Copies the staging blob <paramref name="stagedBlobId"/> to the key's upstream name, replacing what is there,
    /// and returns the key-named id of the copy. The staging blob stays. Missing → <see cref="BlobNotFoundException"/>.
    /// </summary>
    Task<string> PublishAsync(string bucket, string key, string stagedBlobId, CancellationToken ct);

    /// <summary>Deletes the key's upstream object; missing is not an error.</summary>
    Task UnpublishAsync(string bucket, string key, CancellationToken ct);

    /// <summary>
    /// Joins staging blobs (multipart parts), in order, straight into the key's upstream name, replacing what is
    /// there, and returns the key-named blob: a multipart Complete without a staging blob and its publication copy.
    /// Only <see cref="Objects.KeyPublisher.CompleteInPlaceAsync{T}"/> calls it, holding the key's claim while no row
    /// names the key's name. Sources stay. A missing source throws <see cref="BlobNotFoundException"/>; the key's
    /// name may then be changed or gone, which the publisher brings back in line with the row.
    /// </summary>
    Task<StoredBlob> ConcatenateToKeyAsync(string bucket, string key, IReadOnlyList<string> blobIds, CancellationToken ct);

    /// <summary>
    /// Streams <paramref name="data"/> to its end straight into the key's upstream name, replacing what is there, and
    /// returns the key-named blob: a PutObject of a key no row names yet, without a staging blob, its publication copy
    /// and its delete. Only <see cref="Objects.KeyPublisher.WriteInPlaceAsync{T}"/> calls it, holding the key's claim
    /// while no row names the key's name. A failure (the body's own, a digest mismatch, the upstream's) may leave the
    /// name changed or gone, which the publisher brings back in line with the row.
    /// </summary>
    Task<StoredBlob> WriteToKeyAsync(string bucket, string key, Stream data, CancellationToken ct);

    /// <summary>
    /// Copies the existing blob <paramref name="sourceBlobId"/> of <paramref name="sourceBucket"/> (a staging blob, or a
    /// key-named id, read under the identity it carries) upstream, server-side, straight into the key's name, replacing
    /// what is there, and returns the key-named blob: a CopyObject to a key no row names yet, without a staging blob,
    /// its publication copy and its delete. Only <see cref="Objects.KeyPublisher.CopyInPlaceAsync{T}"/> calls it,
    /// holding the key's claim while no row names the key's name. A missing source (or one whose identity changed)
    /// throws <see cref="BlobNotFoundException"/>; the key's name may then be changed or gone, which the publisher
    /// brings back in line with the row.
    /// </summary>
    Task<StoredBlob> CopyToKeyAsync(string sourceBucket, string sourceBlobId, string bucket, string key, CancellationToken ct);
}
