using BleepStore.Application.Abstractions;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Objects;

/// <summary>Where an object's bytes are: a blob in the storage backend, or inline in its metadata row.</summary>
internal readonly record struct StoredBytes(string BlobId, byte[]? Inline, long Size);

/// <summary>Reads, writes and releases object bytes, hiding whether they are inline or a blob.</summary>
internal static class ObjectBytes
{
    /// <summary>
    /// Stores a body that is read to its end (the stream verifies digests and signatures there).
    /// Bodies of known length up to <paramref name="inlineThreshold"/> are kept in memory for an inline row.
    /// </summary>
    public static async Task<StoredBytes> WriteAsync(IObjectStorage storage, string bucket, Stream body, long? knownLength, int inlineThreshold, CancellationToken ct)
    {
        if (knownLength is { } length && length <= inlineThreshold)
        {
            var data = new byte[length];
            await body.ReadExactlyAsync(data, ct).ConfigureAwait(false);

            // The read that reaches the end is the one that verifies: it must return 0.
            if (await body.ReadAsync(new byte[1], ct).ConfigureAwait(false) != 0)
            {
                throw new S3Exception(S3Errors.IncompleteBody, "The request body is longer than its declared length.");
            }

            return new StoredBytes("", data, length);
        }

        var blob = await storage.WriteAsync(bucket, body, ct).ConfigureAwait(false);
        return new StoredBytes(blob.BlobId, null, blob.Size);
    }

    public static async Task<Stream> OpenReadAsync(IObjectStorage storage, ObjectRecord obj, long offset, long? length, CancellationToken ct) =>
        await TryOpenReadAsync(storage, obj, offset, length, ct).ConfigureAwait(false) ?? throw MissingBytes();

    /// <summary>
    /// Null when the row's blob is not (or no longer) there: on a key-named gateway a newer write may have moved
    /// or replaced the bytes since the row was read (decision 0010), so the caller reads the row again.
    /// </summary>
    public static async Task<Stream?> TryOpenReadAsync(IObjectStorage storage, ObjectRecord obj, long offset, long? length, CancellationToken ct)
    {
        if (obj.InlineData is { } inline)
        {
            var count = length ?? (inline.Length - offset);
            return new MemoryStream(inline, (int)offset, (int)count, writable: false);
        }

        try
        {
            return await storage.OpenReadAsync(obj.Bucket, obj.BlobId, offset, length, ct).ConfigureAwait(false);
        }
        catch (BlobNotFoundException)
        {
            return null;
        }
    }

    /// <summary>A row without bytes is corruption (crash-only rule 5): say so, never pretend the key is absent.</summary>
    public static S3Exception MissingBytes() => new(S3Errors.InternalError, "The object's data is missing from storage.");

    /// <summary>Deletes the bytes a row no longer points to (nothing for inline rows).</summary>
    public static Task ReleaseAsync(this BlobReaper reaper, IObjectStorage storage, string bucket, StoredBytes bytes) =>
        bytes.Inline is null && bytes.BlobId.Length > 0 ? reaper.DeleteAsync(storage, bucket, bytes.BlobId) : Task.CompletedTask;

    public static Task ReleaseAsync(this BlobReaper reaper, IObjectStorage storage, ObjectRecord obj) =>
        obj.InlineData is null && obj.BlobId.Length > 0 ? reaper.DeleteAsync(storage, obj.Bucket, obj.BlobId) : Task.CompletedTask;

    /// <summary>
    /// The commit of a row whose bytes a key-named gateway wrote or copied straight under the key's name (decision 0010),
    /// inside the key publisher's claim: writes the row and releases the bytes of the row it replaced. A refused
    /// condition leaves the key's name to the key publisher, which brings it back in line with the row; the replaced
    /// row named a staging blob or nothing (checked under the key's claim).
    /// </summary>
    public static async Task<ObjectWrite> CommitInPlaceAsync(this IMetadataStore store, BlobReaper reaper, IObjectStorage storage, ObjectRecord record, WriteCondition condition, CancellationToken ct)
    {
        var write = await store.PutObjectAsync(record, condition, ct).ConfigureAwait(false);
        if (write.Replaced is { } replaced)
        {
            await reaper.ReleaseAsync(storage, replaced).ConfigureAwait(false);
        }

        return write;
    }
}
