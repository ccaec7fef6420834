namespace BleepStore.Application.Abstractions;

/// <summary>
/// Which node runs the background jobs that act on shared state (upload reaper, lifecycle worker, orphan sweep):
/// in a cluster (several nodes over one PostgreSQL database, docs/cluster.md) only the node holding the lease runs
/// them; a node alone (SQLite, memory) always holds it. The lease keeps N nodes from doing the same work N times;
/// correctness does not rest on it: every step of those jobs is a store transaction that is exact under races (a
/// reaped upload, an expired object, a blob older than the sweep's grace), so two holders for a moment (a dropped
/// connection noticed late) do the same step twice and the second finds nothing to do.
/// </summary>
public interface IBackgroundLease
{
    /// <summary>True when other nodes may share this node's metadata and storage (cluster mode).</summary>
    bool Shared { get; }

    /// <summary>
    /// True when this node holds the lease now: takes it when free, keeps it when held, and takes it again after the
    /// connection that held it dropped. Never throws for an unreachable database: that is false (try again later).
    /// </summary>
    Task<bool> TryHoldAsync(CancellationToken ct);
}

/// <summary>The lease of a node that shares nothing: always held.</summary>
public sealed class LocalBackgroundLease : IBackgroundLease
{
    public bool Shared => false;

    public Task<bool> TryHoldAsync(CancellationToken ct) => Task.FromResult(true);
}
