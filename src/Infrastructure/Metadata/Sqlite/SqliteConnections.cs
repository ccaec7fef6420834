using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace BleepStore.Infrastructure.Metadata.Sqlite;

/// <summary>
/// One writer connection driven by a group-commit writer thread (SQLite admits one writer at a time
/// anyway; queueing here avoids SQLITE_BUSY retry storms and shares each commit's fsync) and a small
/// pool of reader connections whose pragmas are set once.
/// </summary>
internal sealed class SqliteConnections : IDisposable
{
    private readonly string _connectionString;
    private readonly ConcurrentBag<PreparedCommands> _readers = [];
    private readonly int _maxIdleReaders = Math.Max(4, Environment.ProcessorCount * 2);
    private readonly SqliteConnection _writer;
    private SqliteGroupCommitWriter? _groupCommit;
    private bool _disposed;

    public SqliteConnections(string path)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // This class is the pool: connections stay open with their pragmas applied.
            Pooling = false,
        }.ToString();

        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        // WAL lets readers run beside the writer. synchronous=FULL (spec 60 says NORMAL) fsyncs the
        // WAL at every commit, so an acknowledged write survives power loss, not only a process crash
        // (crash-only rule 3).
        Execute(_writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;");
    }

    /// <summary>The writer connection, for start-up work before <see cref="StartGroupCommit"/> only.</summary>
    public SqliteConnection Writer => _writer;

    public SqliteGroupCommitWriter GroupCommit => _groupCommit ?? throw new InvalidOperationException("Group commit not started.");

    /// <summary>Hands the writer connection to the group-commit thread; from now on every write goes through it.</summary>
    public void StartGroupCommit() => _groupCommit ??= new SqliteGroupCommitWriter(_writer);

    /// <inheritdoc cref="SqliteGroupCommitWriter.WriteAsync"/>
    public Task<TResult> WriteAsync<TState, TResult>(TState state, Func<SqliteConnection, SqliteTransaction, TState, TResult> work, CancellationToken ct) =>
        GroupCommit.WriteAsync(state, work, ct);

    /// <summary>The writer connection's prepared commands: for use inside a write operation only (the writer thread).</summary>
    public PreparedCommands WriterCommands => GroupCommit.Commands;

    public ReadLease RentReader()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_readers.TryTake(out var reader))
        {
            var connection = new SqliteConnection(_connectionString);
            connection.Open();
            Execute(connection, "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000; PRAGMA query_only=ON;");
            reader = new PreparedCommands(connection);
        }

        return new ReadLease(this, reader);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _groupCommit?.Dispose();
        _writer.Dispose();
        while (_readers.TryTake(out var r))
        {
            Close(r);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void Close(PreparedCommands reader)
    {
        reader.Dispose();
        reader.Connection.Dispose();
    }

    private void Return(PreparedCommands reader)
    {
        if (_disposed || _readers.Count >= _maxIdleReaders)
        {
            Close(reader);
            return;
        }

        _readers.Add(reader);
    }

    internal readonly struct ReadLease(SqliteConnections owner, PreparedCommands reader) : IDisposable
    {
        public SqliteConnection Connection => reader.Connection;

        /// <inheritdoc cref="PreparedCommands.Command(string)"/>
        public SqliteCommand Command(string sql) => reader.Command(sql);

        public void Dispose() => owner.Return(reader);
    }
}
