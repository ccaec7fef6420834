using BleepStore.Application.Abstractions;
using BleepStore.Infrastructure.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BleepStore.Infrastructure.Metadata.Postgres;

/// <summary>
/// The background lease of a cluster node (<see cref="IBackgroundLease"/>, docs/cluster.md): a session-level
/// <c>pg_try_advisory_lock</c> held on a connection of its own (outside the pool, so closing it really ends the
/// session). PostgreSQL releases a session lock when its session ends, so a node that dies (kill -9, power, network:
/// TCP keepalives end the session) hands the lease to the next node that asks. Each <see cref="TryHoldAsync"/>
/// checks that the connection still lives; after it dropped (database restart, terminated backend) it reconnects and
/// competes again. Released at shutdown (<see cref="DisposeAsync"/>).
/// </summary>
public sealed partial class PostgresBackgroundLease : IBackgroundLease, IAsyncDisposable, IDisposable
{
    /// <summary>
    /// The lock's key, in the two-int4 key space, which never meets the one-bigint keys of the per-key write locks and
    /// the migration lock: ("Blee", 1).
    /// </summary>
    private const int LockClass = 0x426c6565;
    private const int LockObject = 1;

    private readonly string _connectionString;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private NpgsqlConnection? _connection;
    private bool _held;
    private bool _disposed;

    public PostgresBackgroundLease(PostgresOptions options, ILogger<PostgresBackgroundLease>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            Pooling = false,
            Multiplexing = false, // a session of its own (multiplexing needs pooling)
            KeepAlive = 10,
            TcpKeepAlive = true,
            Timeout = 5,
            CommandTimeout = 5,
            ApplicationName = "bleepstore-lease",
        };
        _connectionString = builder.ConnectionString;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public bool Shared => true;

    public async Task<bool> TryHoldAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connection is not null && await AliveAsync(_connection, ct).ConfigureAwait(false))
            {
                if (_held)
                {
                    return true;
                }
            }
            else
            {
                await DropAsync().ConfigureAwait(false);
                _connection = await ConnectAsync(ct).ConfigureAwait(false);
                if (_connection is null)
                {
                    return false;
                }
            }

            _held = await TryLockAsync(_connection, ct).ConfigureAwait(false);
            if (_held)
            {
                LogAcquired(_logger);
            }

            return _held;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_connection is not null && _held)
            {
                try
                {
                    await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@c, @o)", _connection);
                    unlock.Parameters.AddWithValue("c", LockClass);
                    unlock.Parameters.AddWithValue("o", LockObject);
                    await unlock.ExecuteScalarAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
                {
                    // Closing the session below releases it too.
                }

                _held = false;
                LogReleased(_logger);
            }

            await DropAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static async Task<bool> AliveAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        try
        {
            await using var ping = new NpgsqlCommand("SELECT 1", connection);
            await ping.ExecuteScalarAsync(ct).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
        {
            return false;
        }
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@c, @o)", connection);
            command.Parameters.AddWithValue("c", LockClass);
            command.Parameters.AddWithValue("o", LockObject);
            return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is true;
        }
        catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
        {
            return false;
        }
    }

    private async Task<NpgsqlConnection?> ConnectAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or System.Net.Sockets.SocketException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            LogUnreachable(_logger, e.Message);
            return null;
        }
    }

    private async Task DropAsync()
    {
        if (_held)
        {
            LogLost(_logger);
        }

        _held = false;
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 330, Level = LogLevel.Information, Message = "This node now runs the cluster's background jobs (lease acquired)")]
    private static partial void LogAcquired(ILogger logger);

    [LoggerMessage(EventId = 333, Level = LogLevel.Information, Message = "This node no longer runs the cluster's background jobs (lease released at shutdown)")]
    private static partial void LogReleased(ILogger logger);

    [LoggerMessage(EventId = 331, Level = LogLevel.Warning, Message = "Background lease lost: its database connection dropped; competing for it again")]
    private static partial void LogLost(ILogger logger);

    [LoggerMessage(EventId = 332, Level = LogLevel.Warning, Message = "Background lease: database unreachable ({reason}); background jobs wait")]
    private static partial void LogUnreachable(ILogger logger, string reason);
}
