using System.Collections.Concurrent;
using BleepStore.Domain.Objects;

namespace BleepStore.Infrastructure.Metadata.Sqlite;

/// <summary>
/// Recently read object rows, inline bytes included, so a hot GET or HEAD skips SQLite (its statement,
/// 19 columns and the inline blob copy were ~12% of server CPU on a 4 KiB GET). Same soundness
/// argument as <see cref="BucketCache"/>: this process is the file's only writer, every object write
/// calls <see cref="Invalidate"/> after its commit and before it is acknowledged, and a reader keeps
/// what it read only if no write to a key of the same stripe finished meanwhile. Bounded by entries
/// and bytes; when either bound is passed the cache starts over (no per-hit bookkeeping).
/// </summary>
internal sealed class ObjectCache(int maxEntries = ObjectCache.DefaultMaxEntries, long maxBytes = ObjectCache.DefaultMaxBytes)
{
    public const int DefaultMaxEntries = 16 * 1024;
    public const long DefaultMaxBytes = 32L * 1024 * 1024;

    private const int Stripes = 64;

    /// <summary>Rough managed size of a record without its strings and inline bytes.</summary>
    private const int EntryOverhead = 512;

    private readonly ConcurrentDictionary<(string Bucket, string Key), ObjectRecord> _objects = new();
    private readonly long[] _generations = new long[Stripes];
    private readonly Lock _resetLock = new();
    private long _entries;
    private long _bytes;

    /// <summary>The value to pass to <see cref="Fill"/>: read it before reading the row.</summary>
    public long Generation(string bucket, string key) => Volatile.Read(ref _generations[Stripe(bucket, key)]);

    public bool TryGet(string bucket, string key, out ObjectRecord record) => _objects.TryGetValue((bucket, key), out record!);

    /// <summary>Keeps <paramref name="record"/>, unless a write to its stripe finished since <paramref name="generation"/>.</summary>
    public void Fill(ObjectRecord record, long generation)
    {
        var stripe = Stripe(record.Bucket, record.Key);
        if (Volatile.Read(ref _generations[stripe]) != generation)
        {
            return;
        }

        var size = SizeOf(record);
        if (Interlocked.Increment(ref _entries) > maxEntries || Interlocked.Add(ref _bytes, size) > maxBytes)
        {
            Reset();
            return;
        }

        var slot = (record.Bucket, record.Key);
        _objects[slot] = record;
        if (Volatile.Read(ref _generations[stripe]) != generation)
        {
            // A write finished between the check and the store: take back exactly what was stored.
            _objects.TryRemove(KeyValuePair.Create(slot, record));
        }
    }

    /// <summary>Call after a committed write to (<paramref name="bucket"/>, <paramref name="key"/>), before acknowledging it.</summary>
    public void Invalidate(string bucket, string key)
    {
        Interlocked.Increment(ref _generations[Stripe(bucket, key)]);
        if (_objects.TryRemove((bucket, key), out var removed))
        {
            Interlocked.Decrement(ref _entries);
            Interlocked.Add(ref _bytes, -SizeOf(removed));
        }
    }

    /// <summary>Call after a write that may touch any object (a deleted bucket).</summary>
    public void InvalidateAll()
    {
        for (var i = 0; i < Stripes; i++)
        {
            Interlocked.Increment(ref _generations[i]);
        }

        Reset();
    }

    private static int Stripe(string bucket, string key) => (int)((uint)HashCode.Combine(bucket, key) % Stripes);

    private static long SizeOf(ObjectRecord r) => EntryOverhead + ((r.Bucket.Length + r.Key.Length) * 2L) + (r.InlineData?.Length ?? 0);

    private void Reset()
    {
        lock (_resetLock)
        {
            _objects.Clear();
            Volatile.Write(ref _entries, 0);
            Volatile.Write(ref _bytes, 0);
        }
    }
}
