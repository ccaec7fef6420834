using System.Collections.Concurrent;

namespace BleepStore.Infrastructure.Metadata.Postgres;

/// <summary>
/// Rows of one table kept in a node's memory, keyed by name, invalidated by <see cref="PostgresChangeListener"/>
/// (every change to the table notifies its name, from a trigger, delivered at commit) and by this node's own writes
/// (<see cref="Invalidate"/> after the write, before the caller hears of it). The cache is used only while the
/// listener is connected (<see cref="Resume"/>): before, during an outage and while reconnecting every lookup is a
/// miss that fills nothing, and both ends of an outage drop everything, so a notification lost meanwhile cannot
/// leave a stale row. A reader fills only if no invalidation happened while it read (the generation), so a row
/// read from a snapshot older than a change is never kept. Misses are not cached.
/// </summary>
internal sealed class PostgresRowCache<T>
    where T : class
{
    private readonly ConcurrentDictionary<string, T> _rows = new(StringComparer.Ordinal);
    private long _generation;
    private volatile bool _listening;

    /// <summary>The value to pass to <see cref="Fill"/>: read it before reading the row.</summary>
    public long Generation => Volatile.Read(ref _generation);

    /// <summary>True while the listener is connected: only then are rows served and kept.</summary>
    public bool Listening => _listening;

    public int Count => _rows.Count;

    public bool TryGet(string name, out T row)
    {
        if (_listening && _rows.TryGetValue(name, out row!))
        {
            return true;
        }

        row = null!;
        return false;
    }

    /// <summary>Keeps <paramref name="row"/>, unless the listener is down or anything was invalidated since <paramref name="generation"/>.</summary>
    public void Fill(string name, T row, long generation)
    {
        if (!_listening || Generation != generation)
        {
            return;
        }

        _rows[name] = row;
        if (!_listening || Generation != generation)
        {
            // An invalidation came between the check and the store: take back exactly what was stored.
            _rows.TryRemove(KeyValuePair.Create(name, row));
        }
    }

    /// <summary>The row of <paramref name="name"/> changed (a notification, or this node's own write).</summary>
    public void Invalidate(string name)
    {
        Interlocked.Increment(ref _generation);
        _rows.TryRemove(name, out _);
    }

    /// <summary>The listener is listening (again): start from nothing.</summary>
    public void Resume()
    {
        Interlocked.Increment(ref _generation);
        _rows.Clear();
        _listening = true;
        Interlocked.Increment(ref _generation);
        _rows.Clear();
    }

    /// <summary>The listener lost its connection (or stops): serve and keep nothing until <see cref="Resume"/>.</summary>
    public void Suspend()
    {
        _listening = false;
        Interlocked.Increment(ref _generation);
        _rows.Clear();
    }
}
