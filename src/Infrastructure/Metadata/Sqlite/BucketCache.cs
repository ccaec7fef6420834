using System.Collections.Concurrent;
using BleepStore.Domain.Buckets;

namespace BleepStore.Infrastructure.Metadata.Sqlite;

/// <summary>
/// Bucket rows kept in memory, so an object read or write costs one metadata statement, not two.
/// Sound because this process is the only writer of the file (the SQLite store is single-node) and
/// every bucket write goes through <see cref="Invalidate"/> after it commits and before it is
/// acknowledged. A reader fills the cache only if no bucket write finished while it read, so a row read
/// from an older snapshot is never kept.
/// </summary>
internal sealed class BucketCache
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>The value to pass to <see cref="Fill"/>: read it before reading the row.</summary>
    public long Generation => Volatile.Read(ref _generation);

    public bool TryGet(string name, out Bucket bucket) => _buckets.TryGetValue(name, out bucket!);

    /// <summary>Keeps <paramref name="bucket"/>, unless a bucket write finished since <paramref name="generation"/>.</summary>
    public void Fill(Bucket bucket, long generation)
    {
        if (Generation != generation)
        {
            return;
        }

        _buckets[bucket.Name] = bucket;
        if (Generation != generation)
        {
            // A write finished between the check and the store: take back exactly what was stored.
            _buckets.TryRemove(KeyValuePair.Create(bucket.Name, bucket));
        }
    }

    /// <summary>Call after a committed write to <paramref name="name"/>'s row, before acknowledging it.</summary>
    public void Invalidate(string name)
    {
        Interlocked.Increment(ref _generation);
        _buckets.TryRemove(name, out _);
    }
}
