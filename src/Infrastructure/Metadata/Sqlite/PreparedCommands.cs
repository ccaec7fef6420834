using Microsoft.Data.Sqlite;

namespace BleepStore.Infrastructure.Metadata.Sqlite;

/// <summary>
/// One command per SQL text on one connection, kept prepared. Microsoft.Data.Sqlite keeps a command's
/// statement prepared between executions, but Dapper makes a new command per call, so every lookup
/// re-parsed its SQL: ~25% of server CPU on a 4 KiB GET and ~6% on a 4 KiB PUT (perf,
/// docs/performance.md). Hot statements take their command from here and only rebind values.
/// Not thread-safe: each connection is used by one thread at a time.
/// </summary>
internal sealed class PreparedCommands(SqliteConnection connection) : IDisposable
{
    // Keyed by reference: callers pass const SQL texts, so lookups never hash the string.
    private readonly Dictionary<string, SqliteCommand> _commands = new(ReferenceEqualityComparer.Instance);

    public SqliteConnection Connection => connection;

    /// <summary>The cached command for <paramref name="sql"/> (a constant); set its parameters' values and execute it.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        return command;
    }

    /// <summary>The cached command for <paramref name="sql"/>, enlisted in <paramref name="transaction"/>.</summary>
    public SqliteCommand Command(string sql, SqliteTransaction transaction)
    {
        var command = Command(sql);
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Disposes the commands; the connection belongs to the caller.</summary>
    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
