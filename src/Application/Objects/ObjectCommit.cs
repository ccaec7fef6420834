using BleepStore.Application.Abstractions;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Objects;

internal static class ObjectCommit
{
    /// <summary>
    /// The last step of every object write: one metadata commit (checking <paramref name="condition"/>
    /// atomically), then the bytes the row no longer points to are released. If the commit fails, the
    /// new bytes are released instead, so a failed write leaves nothing behind.
    /// </summary>
    public static async Task<ObjectWrite> CommitAsync(
        this IMetadataStore store, IObjectStorage storage, BlobReaper reaper, ObjectRecord record, StoredBytes bytes, WriteCondition condition, CancellationToken ct)
    {
        ObjectWrite write;
        try
        {
            write = await store.PutObjectAsync(record, condition, ct).ConfigureAwait(false);
        }
        catch
        {
            await reaper.ReleaseAsync(storage, record.Bucket, bytes).ConfigureAwait(false);
            throw;
        }

        if (write.Replaced is { } replaced)
        {
            await reaper.ReleaseAsync(storage, replaced).ConfigureAwait(false);
        }

        return write;
    }
}
