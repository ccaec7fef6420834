using BleepStore.Infrastructure.Configuration;
using BleepStore.Infrastructure.Metadata.Postgres;
using BleepStore.Infrastructure.Tests.TestSupport;
using Npgsql;

namespace BleepStore.Infrastructure.Tests.Metadata.Postgres;

/// <summary>
/// The background lease on a real PostgreSQL: several nodes' leases over one database, exactly one holds; the
/// holder's session ending (terminated backend, as when its node dies or its connection drops) hands it over.
/// </summary>
public sealed class PostgresBackgroundLeaseTests : IAsyncDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly string _database = PostgresServer.Shared.CreateDatabase();
    private readonly List<PostgresBackgroundLease> _leases = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var lease in _leases)
        {
            await lease.DisposeAsync();
        }

        PostgresServer.Shared.DropDatabase(_database);
    }

    [Fact]
    public async Task ThreeNodes_ExactlyOneHolds_AndKeepsHolding()
    {
        var leases = new[] { Lease(), Lease(), Lease() };

        var first = await Task.WhenAll(leases.Select(l => l.TryHoldAsync(Ct)));
        var again = await Task.WhenAll(leases.Select(l => l.TryHoldAsync(Ct)));

        Assert.Single(first, held => held);
        Assert.Equal(first, again);
        Assert.All(leases, l => Assert.True(l.Shared));
    }

    [Fact]
    public async Task HolderConnectionKilled_AnotherNodeTakesOver_AndTheOldHolderDoesNotHoldToo()
    {
        var a = Lease();
        var b = Lease();
        Assert.True(await a.TryHoldAsync(Ct));
        Assert.False(await b.TryHoldAsync(Ct));

        Assert.Equal(1, await TerminateHolderAsync());

        Assert.True(await b.TryHoldAsync(Ct));
        // The old holder notices its connection is gone, reconnects and competes: it loses to the new holder.
        Assert.False(await a.TryHoldAsync(Ct));
        Assert.True(await b.TryHoldAsync(Ct));
    }

    [Fact]
    public async Task HolderDisposed_ReleasesAtOnce()
    {
        var a = Lease();
        var b = Lease();
        Assert.True(await a.TryHoldAsync(Ct));
        Assert.False(await b.TryHoldAsync(Ct));

        await a.DisposeAsync();

        Assert.True(await b.TryHoldAsync(Ct));
    }

    [Fact]
    public async Task DatabaseUnreachable_IsNotHeld_WithoutThrowing()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var lease = new PostgresBackgroundLease(new PostgresOptions { ConnectionString = $"Host=127.0.0.1;Port={port};Username=bleepstore;Database=postgres" });
        _leases.Add(lease);

        Assert.False(await lease.TryHoldAsync(Ct));
    }

    private PostgresBackgroundLease Lease()
    {
        var lease = new PostgresBackgroundLease(new PostgresOptions { ConnectionString = PostgresServer.Shared.ConnectionString(_database) });
        _leases.Add(lease);
        return lease;
    }

    /// <summary>
    /// Ends the session that holds the lease's advisory lock in this test's database; how many it ended. Waits (up to
    /// 10 s) until the backend is gone and its lock released: without the timeout pg_terminate_backend only signals,
    /// and a TryHoldAsync right after could still find the lock held (a flake under load).
    /// </summary>
    private async Task<int> TerminateHolderAsync()
    {
        await using var c = new NpgsqlConnection(PostgresServer.Shared.ConnectionString(_database) + ";Pooling=false");
        await c.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(l.pid, 10000))::int FROM pg_locks l JOIN pg_database d ON d.oid = l.database " +
            "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 1114400101 AND l.objid = 1 AND l.objsubid = 2 AND d.datname = @db",
            c);
        command.Parameters.AddWithValue("db", _database);
        return (int)(await command.ExecuteScalarAsync(Ct))!;
    }
}
