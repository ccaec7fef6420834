namespace BleepStore.Infrastructure.Storage.Memory;

/// <summary>
/// Immutable bytes in chunks below the large-object-heap threshold. <see cref="Starts"/>[i] is the
/// offset of chunk i; chunks may differ in length, so a concatenation can share its sources' arrays.
/// </summary>
internal sealed class MemoryBlob(string bucket, byte[][] chunks, long[] starts, long length, DateTimeOffset writtenAt)
{
    public DateTimeOffset WrittenAt { get; } = writtenAt;

    public string Bucket { get; } = bucket;

    public byte[][] Chunks { get; } = chunks;

    public long[] Starts { get; } = starts;

    public long Length { get; } = length;

    /// <summary>Index of the chunk holding byte <paramref name="offset"/> (which is below <see cref="Length"/>).</summary>
    public int ChunkAt(long offset)
    {
        var i = Array.BinarySearch(Starts, offset);
        return i >= 0 ? i : ~i - 1;
    }
}
