using BleepStore.Domain.Objects;

namespace BleepStore.Infrastructure.Metadata.Memory;

/// <summary>
/// The object rows of one bucket in key order (UTF-8 bytes): sorted chunks of at most
/// <see cref="MaxChunk"/> rows, so an insert or delete anywhere moves at most one chunk's references, plus a
/// hash map for exact reads. (One sorted array moved half the bucket on every insert: 300k random-key puts
/// took longer than 1M do in chunks, on the same machine.)
/// Not thread-safe: the store's lock guards it.
/// </summary>
internal sealed class OrderedRows
{
    private const int MaxChunk = 512;

    // Non-empty chunks, each sorted, in order: every key of chunk i sorts before every key of chunk i + 1.
    private readonly List<List<ObjectRecord>> _chunks = [];
    private readonly Dictionary<string, ObjectRecord> _byKey = new(StringComparer.Ordinal);

    public int Count => _byKey.Count;

    public ObjectRecord? Get(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>Inserts or replaces the row of <paramref name="row"/>'s key; returns the replaced row.</summary>
    public ObjectRecord? Set(ObjectRecord row)
    {
        var c = ChunkFor(row.Key);
        if (_byKey.TryGetValue(row.Key, out var current))
        {
            _chunks[c][IndexIn(_chunks[c], row.Key, inclusive: true)] = row;
            _byKey[row.Key] = row;
            return current;
        }

        _byKey.Add(row.Key, row);
        if (_chunks.Count == 0)
        {
            _chunks.Add([row]);
            return null;
        }

        var chunk = _chunks[c];
        chunk.Insert(IndexIn(chunk, row.Key, inclusive: true), row);
        if (chunk.Count > MaxChunk)
        {
            var half = chunk.Count / 2;
            _chunks.Insert(c + 1, chunk.GetRange(half, chunk.Count - half));
            chunk.RemoveRange(half, chunk.Count - half);
        }

        return null;
    }

    /// <summary>Removes the row of <paramref name="key"/>; returns it, or null when there was none.</summary>
    public ObjectRecord? Remove(string key)
    {
        if (!_byKey.Remove(key, out var row))
        {
            return null;
        }

        var c = ChunkFor(key);
        var chunk = _chunks[c];
        chunk.RemoveAt(IndexIn(chunk, key, inclusive: true));
        if (chunk.Count == 0)
        {
            _chunks.RemoveAt(c);
        }

        return row;
    }

    /// <summary>
    /// Rows from the first key at or after (<paramref name="inclusive"/>) or strictly after
    /// <paramref name="lower"/> (null: from the start), in order, while <paramref name="take"/> says so.
    /// </summary>
    public void ForEachFrom(string? lower, bool inclusive, Func<ObjectRecord, bool> take)
    {
        if (_chunks.Count == 0)
        {
            return;
        }

        var c = lower is null ? 0 : ChunkFor(lower);
        var i = lower is null ? 0 : IndexIn(_chunks[c], lower, inclusive);
        for (; c < _chunks.Count; c++, i = 0)
        {
            var chunk = _chunks[c];
            for (; i < chunk.Count; i++)
            {
                if (!take(chunk[i]))
                {
                    return;
                }
            }
        }
    }

    /// <summary>The chunk that holds, or would hold, <paramref name="key"/>: the last whose first key is not after it (or the first).</summary>
    private int ChunkFor(string key)
    {
        int lo = 0, hi = _chunks.Count - 1;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo + 1) / 2);
            if (Utf8Order.Instance.Compare(_chunks[mid][0].Key, key) <= 0)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    /// <summary>The index of the first row of <paramref name="chunk"/> at or after (<paramref name="inclusive"/>) or strictly after <paramref name="bound"/>.</summary>
    private static int IndexIn(List<ObjectRecord> chunk, string bound, bool inclusive)
    {
        int lo = 0, hi = chunk.Count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var c = Utf8Order.Instance.Compare(chunk[mid].Key, bound);
            if (c < 0 || (c == 0 && !inclusive))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
