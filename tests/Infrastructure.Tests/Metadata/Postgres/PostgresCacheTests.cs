using System.Diagnostics;
using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Infrastructure.Configuration;
using BleepStore.Infrastructure.Metadata.Postgres;
using BleepStore.Infrastructure.Tests.TestSupport;
using Npgsql;
using static BleepStore.Infrastructure.Tests.TestSupport.Records;

namespace BleepStore.Infrastructure.Tests.Metadata.Postgres;

/// <summary>
/// The per-node caches of bucket and credential rows on a real PostgreSQL: two stores over one database are two
/// nodes; a change on one reaches the other's cache through LISTEN/NOTIFY within a short bound, and a listener
/// outage (its backend terminated) never leaves a stale row served.
/// </summary>
public sealed class PostgresCacheTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);
    private readonly string _database = PostgresServer.Shared.CreateDatabase();
    private readonly List<PostgresMetadataStore> _stores = [];

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        PostgresServer.Shared.DropDatabase(_database);
    }

    [Fact]
    public async Task BucketChangedOrDeletedOnOneNode_TheOtherNodeSeesItWithinTheBound()
    {
        var (a, b) = await TwoNodesAsync();
        Assert.True(await a.TryCreateBucketAsync(Bucket("shared"), Ct));
        Assert.Single((await b.GetBucketAsync("shared", Ct))!.Acl.Grants);
        Assert.Equal(1, b.CachedRows.Buckets);

        Assert.True(await a.SetBucketAclAsync("shared", PublicRead(Alice), Ct));
        Assert.True(await EventuallyAsync(async () => (await b.GetBucketAsync("shared", Ct))!.Acl.Grants.Count == 2), "B still serves the old ACL after 5 s");

        Assert.True(await a.SetBucketVersioningAsync("shared", "Enabled", Ct));
        Assert.True(await EventuallyAsync(async () => (await b.GetBucketAsync("shared", Ct))!.Versioning == "Enabled"), "B still serves the old versioning after 5 s");

        Assert.True(await a.SetBucketVersioningAsync("shared", "Suspended", Ct));
        Assert.True(await EventuallyAsync(async () => (await b.GetBucketAsync("shared", Ct))!.Versioning == "Suspended"), "B still serves the old versioning after 5 s");
        Assert.Equal(DeleteBucketOutcome.Deleted, await a.DeleteBucketAsync("shared", [], Ct));
        Assert.True(await EventuallyAsync(async () => await b.GetBucketAsync("shared", Ct) is null), "B still serves the deleted bucket after 5 s");
    }

    [Fact]
    public async Task OwnWrite_IsSeenAtOnceByTheWritingNode()
    {
        var (a, _) = await TwoNodesAsync();
        Assert.True(await a.TryCreateBucketAsync(Bucket("mine"), Ct));
        Assert.NotNull(await a.GetBucketAsync("mine", Ct));
        Assert.Equal(1, a.CachedRows.Buckets);

        Assert.True(await a.SetBucketAclAsync("mine", PublicRead(Alice), Ct));
        Assert.Equal(2, (await a.GetBucketAsync("mine", Ct))!.Acl.Grants.Count);
        Assert.Equal(DeleteBucketOutcome.Deleted, await a.DeleteBucketAsync("mine", [], Ct));
        Assert.Null(await a.GetBucketAsync("mine", Ct));

        await a.UpsertCredentialAsync(Credential("AKMINE"), Ct);
        Assert.True((await a.GetCredentialAsync("AKMINE", Ct))!.Active);
        Assert.False((await a.SetCredentialActiveAsync("AKMINE", false, Ct))!.Active);
        Assert.False((await a.GetCredentialAsync("AKMINE", Ct))!.Active);
        Assert.True(await a.DeleteCredentialAsync("AKMINE", Ct));
        Assert.Null(await a.GetCredentialAsync("AKMINE", Ct));
    }

    [Fact]
    public async Task CredentialDisabledOrDeletedOnOneNode_TheOtherNodeSeesItWithinTheBound()
    {
        var (a, b) = await TwoNodesAsync();
        await a.UpsertCredentialAsync(Credential("AKSHARED", "s1"), Ct);
        Assert.True((await b.GetCredentialAsync("AKSHARED", Ct))!.Active);
        Assert.Equal(1, b.CachedRows.Credentials);

        await a.SetCredentialActiveAsync("AKSHARED", false, Ct);
        Assert.True(await EventuallyAsync(async () => !(await b.GetCredentialAsync("AKSHARED", Ct))!.Active), "B still accepts the disabled key after 5 s");

        await a.UpsertCredentialAsync(Credential("AKSHARED", "s2", active: true), Ct);
        Assert.True(await EventuallyAsync(async () => (await b.GetCredentialAsync("AKSHARED", Ct))!.SecretKey == "s2"), "B still holds the old secret after 5 s");

        Assert.True(await a.DeleteCredentialAsync("AKSHARED", Ct));
        Assert.True(await EventuallyAsync(async () => await b.GetCredentialAsync("AKSHARED", Ct) is null), "B still accepts the deleted key after 5 s");
    }

    [Fact]
    public async Task ChangeByPlainSql_NotifiesThroughTheTrigger()
    {
        var (_, b) = await TwoNodesAsync();
        await b.TryCreateBucketAsync(Bucket("sql"), Ct);
        Assert.NotNull(await b.GetBucketAsync("sql", Ct));
        Assert.Equal(1, b.CachedRows.Buckets);

        await ExecuteAsync("UPDATE buckets SET versioning = 'Enabled' WHERE name = 'sql'");

        Assert.True(await EventuallyAsync(async () => (await b.GetBucketAsync("sql", Ct))!.Versioning == "Enabled"), "B still serves the row changed by SQL after 5 s");
    }

    [Fact]
    public async Task ListenerOutage_NothingCachedMeanwhile_AndNoStaleRowAfterAChangeMadeDuringIt()
    {
        var logged = new CapturingLoggers();
        var a = Node();
        var b = Node(logged);
        Assert.True(await EventuallyAsync(() => Task.FromResult(a.CachesListening && b.CachesListening)), "the listeners did not connect");
        Assert.True(await a.TryCreateBucketAsync(Bucket("outage"), Ct));
        await a.UpsertCredentialAsync(Credential("AKOUT"), Ct);
        Assert.Single((await b.GetBucketAsync("outage", Ct))!.Acl.Grants);
        Assert.True((await b.GetCredentialAsync("AKOUT", Ct))!.Active);
        Assert.Equal((1, 1), b.CachedRows);

        // Long enough to change the rows while B is not listening, so their notifications never reach B.
        b.Listener.ReconnectDelay = TimeSpan.FromSeconds(3);
        var pid = b.Listener.BackendPid;
        Assert.NotEqual(0, pid);
        Assert.True(await TerminateAsync(pid));
        Assert.True(await EventuallyAsync(() => Task.FromResult(!b.CachesListening && b.CachedRows == (0, 0))), "B did not notice its listener's end");

        Assert.True(await a.SetBucketAclAsync("outage", PublicRead(Alice), Ct));
        await a.SetCredentialActiveAsync("AKOUT", false, Ct);

        // During the outage B reads the database and keeps nothing.
        Assert.False(b.CachesListening);
        Assert.Equal(2, (await b.GetBucketAsync("outage", Ct))!.Acl.Grants.Count);
        Assert.False((await b.GetCredentialAsync("AKOUT", Ct))!.Active);
        Assert.Equal((0, 0), b.CachedRows);

        // Reconnected: a new backend, caches in use again, and the rows are the current ones.
        Assert.True(await EventuallyAsync(() => Task.FromResult(b.CachesListening), TimeSpan.FromSeconds(10)), "B's listener did not reconnect");
        Assert.NotEqual(pid, b.Listener.BackendPid);
        Assert.Equal([334, 335], logged.EventIds); // one warning for the outage (not one per retry), one when back
        Assert.Equal(2, (await b.GetBucketAsync("outage", Ct))!.Acl.Grants.Count);
        Assert.False((await b.GetCredentialAsync("AKOUT", Ct))!.Active);
        Assert.Equal((1, 1), b.CachedRows);

        // And notifications flow again.
        Assert.True(await a.SetBucketAclAsync("outage", AccessControlList.Private(Alice), Ct));
        Assert.True(await EventuallyAsync(async () => (await b.GetBucketAsync("outage", Ct))!.Acl.Grants.Count == 1), "B still serves the old ACL after its listener reconnected");
    }

    private static AccessControlList PublicRead(Owner owner) =>
        new(owner, [.. AccessControlList.Private(owner).Grants, new Grant(Grantee.Group(Grantee.AllUsersUri), Permission.Read)]);

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan? bound = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (bound ?? Bound))
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(20);
        }

        return await condition();
    }

    [Fact]
    public async Task DisposedTwice_SecondIsANoOp()
    {
        // The host disposes the store once per service type it is registered under: a throw here aborted the process
        // at every shutdown.
        var (a, _) = await TwoNodesAsync();

        a.Dispose();
        a.Dispose();

        Assert.False(a.CachesListening);
    }

    private async Task<(PostgresMetadataStore A, PostgresMetadataStore B)> TwoNodesAsync()
    {
        var a = Node();
        var b = Node();
        Assert.True(await EventuallyAsync(() => Task.FromResult(a.CachesListening && b.CachesListening)), "the listeners did not connect");
        return (a, b);
    }

    private PostgresMetadataStore Node(Microsoft.Extensions.Logging.ILoggerFactory? loggers = null)
    {
        var store = new PostgresMetadataStore(new PostgresOptions { ConnectionString = PostgresServer.Shared.ConnectionString(_database) }, loggers);
        _stores.Add(store);
        return store;
    }

    private async Task<bool> TerminateAsync(int pid)
    {
        await using var c = new NpgsqlConnection(PostgresServer.Shared.ConnectionString(_database));
        await c.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", c);
        command.Parameters.AddWithValue("pid", pid);
        return (bool)(await command.ExecuteScalarAsync(Ct))!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var c = new NpgsqlConnection(PostgresServer.Shared.ConnectionString(_database));
        await c.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, c);
        await command.ExecuteNonQueryAsync(Ct);
    }

    /// <summary>Records the event ids the store's loggers write (warnings and above, and information).</summary>
    private sealed class CapturingLoggers : Microsoft.Extensions.Logging.ILoggerFactory, Microsoft.Extensions.Logging.ILogger
    {
        private readonly List<int> _ids = [];

        public int[] EventIds
        {
            get
            {
                lock (_ids)
                {
                    return [.. _ids];
                }
            }
        }

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(Microsoft.Extensions.Logging.ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_ids)
            {
                _ids.Add(eventId.Id);
            }
        }

        public void Dispose()
        {
        }
    }
}
