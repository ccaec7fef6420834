using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BleepStore.Infrastructure.Metadata.Postgres;

/// <summary>
/// Keeps a node's <see cref="PostgresRowCache{T}"/>s true to the database (docs/cluster.md, "Caches"): one connection
/// of its own (outside the pool) LISTENs on <see cref="BucketsChannel"/> and <see cref="CredentialsChannel"/>, which
/// the triggers of schema version 2 notify with the changed row's name in the changing transaction (PostgreSQL
/// delivers at commit). Each notification drops that entry. While the connection is not listening (start-up, an
/// outage, a terminated backend) the caches are suspended; on every (re)connect they start empty, then reconnects
/// back off from 100 ms to 5 s. An idle connection is checked every few seconds (a round trip), so a dead one is
/// noticed within about <see cref="IdleCheck"/> plus the command timeout.
/// </summary>
internal sealed partial class PostgresChangeListener : IAsyncDisposable, IDisposable
{
    public const string BucketsChannel = "bleepstore_buckets";
    public const string CredentialsChannel = "bleepstore_credentials";
    public const string ApplicationName = "bleepstore-listener";

    private static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LastBackoff = TimeSpan.FromSeconds(5);

    private readonly string _connectionString;
    private readonly PostgresRowCache<Domain.Buckets.Bucket> _buckets;
    private readonly PostgresRowCache<Domain.Credentials.Credential> _credentials;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly ILogger _logger;
    private int _backendPid;
    private int _disposed;

    public PostgresChangeListener(
        NpgsqlConnectionStringBuilder connection,
        PostgresRowCache<Domain.Buckets.Bucket> buckets,
        PostgresRowCache<Domain.Credentials.Credential> credentials,
        ILogger? logger = null)
    {
        _logger = logger ?? NullLogger.Instance;
        var builder = new NpgsqlConnectionStringBuilder(connection.ConnectionString)
        {
            Pooling = false,
            Multiplexing = false, // a session of its own (multiplexing needs pooling)
            KeepAlive = 0,
            TcpKeepAlive = true,
            Timeout = 5,
            CommandTimeout = 5,
            ApplicationName = ApplicationName,
        };
        _connectionString = builder.ConnectionString;
        _buckets = buckets;
        _credentials = credentials;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The backend process id of the listening connection, 0 while not connected (tests end it with pg_terminate_backend).</summary>
    public int BackendPid => Volatile.Read(ref _backendPid);

    /// <summary>Tests: the delay before the first reconnect after an outage (default 100 ms).</summary>
    internal TimeSpan ReconnectDelay { get; set; } = FirstBackoff;

    /// <summary>Stops listening; idempotent (the host may dispose the store under each service type it is registered as).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task RunAsync()
    {
        var ct = _stop.Token;
        var backoff = TimeSpan.Zero;
        var everListened = false;
        var outageLogged = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var c = new NpgsqlConnection(_connectionString);
                c.Notification += OnNotification;
                await c.OpenAsync(ct).ConfigureAwait(false);
                await using (var listen = new NpgsqlCommand($"LISTEN {BucketsChannel}; LISTEN {CredentialsChannel}", c))
                {
                    await listen.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                // Listening from here: every commit after this point is delivered to this connection.
                Volatile.Write(ref _backendPid, c.ProcessID);
                _buckets.Resume();
                _credentials.Resume();
                backoff = TimeSpan.Zero;
                if (everListened)
                {
                    LogListeningAgain(_logger);
                }

                everListened = true;
                outageLogged = false;
                while (true)
                {
                    if (!await c.WaitAsync(IdleCheck, ct).ConfigureAwait(false))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", c);
                        await ping.ExecuteScalarAsync(ct).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // Connection refused, terminated backend, database restart, timeout: suspend and reconnect below.
                // Logged once an outage, not at every retry.
                if (!outageLogged)
                {
                    LogNotListening(_logger, e.GetType().Name, e.Message);
                    outageLogged = true;
                }
            }
            finally
            {
                Volatile.Write(ref _backendPid, 0);
                _buckets.Suspend();
                _credentials.Suspend();
            }

            backoff = backoff == TimeSpan.Zero ? ReconnectDelay : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, Math.Max(LastBackoff.Ticks, ReconnectDelay.Ticks)));
            try
            {
                await Task.Delay(backoff, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    [LoggerMessage(EventId = 334, Level = LogLevel.Warning, Message = "PostgreSQL change listener not listening ({Kind}: {Reason}); bucket and credential caches are off until it reconnects")]
    private static partial void LogNotListening(ILogger logger, string kind, string reason);

    [LoggerMessage(EventId = 335, Level = LogLevel.Information, Message = "PostgreSQL change listener listening again; bucket and credential caches are on")]
    private static partial void LogListeningAgain(ILogger logger);

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        switch (e.Channel)
        {
            case BucketsChannel:
                _buckets.Invalidate(e.Payload);
                break;
            case CredentialsChannel:
                _credentials.Invalidate(e.Payload);
                break;
        }
    }
}
