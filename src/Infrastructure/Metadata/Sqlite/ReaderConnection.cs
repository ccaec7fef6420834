using Microsoft.Data.Sqlite;

namespace BleepStore.Infrastructure.Metadata.Sqlite;

/// <summary>
/// A pooled reader connection with its prepared statements. Microsoft.Data.Sqlite keeps a command's
/// statement prepared between executions, but Dapper makes a new command per call, so every lookup
/// re-parsed its SQL: ~25% of server CPU on a 4 KiB GET (perf, docs/performance.md). Hot lookups keep
/// one command per SQL text here and only rebind parameter values.
/// </summary>
internal sealed class ReaderConnection(SqliteConnection connection) : IDisposable
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

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        connection.Dispose();
    }
}
