using System.Diagnostics;
using Npgsql;

namespace BleepStore.Infrastructure.Tests.TestSupport;

/// <summary>
/// One real PostgreSQL for the whole test run (Debian's, started by scripts/lib/postgres.sh on a free loopback port in a
/// temp directory), stopped when the test host exits, or by the script's watchdog if the host is killed. Each store
/// under test gets a database of its own (<see cref="CreateDatabase"/>), so tests stay independent and run in parallel.
/// A test that stops the database (<see cref="Pause"/>, <see cref="Resume"/>) takes a server of its own (<see cref="StartNew"/>).
/// </summary>
internal sealed class PostgresServer : IDisposable
{
    private static readonly Lazy<PostgresServer> Instance = new(() => new PostgresServer(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _directory;
    private readonly string _script;
    private int _databases;

    private PostgresServer()
    {
        _script = Path.Combine(RepoPaths.Root(), "scripts", "lib", "postgres.sh");
        _directory = Path.Combine(Path.GetTempPath(), $"bleepstore-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var (exit, output) = Run("start", _directory, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (exit != 0 || !int.TryParse(output.Trim().Split('\n')[^1], out var port))
        {
            throw new InvalidOperationException($"PostgreSQL did not start (exit {exit}): {output}");
        }

        Port = port;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Run("stop", _directory);
    }

    public static PostgresServer Shared => Instance.Value;

    /// <summary>A server of the caller's own, stopped and removed by <see cref="Dispose"/> (or when the test host exits).</summary>
    public static PostgresServer StartNew() => new();

    public int Port { get; }

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=bleepstore;Database={database}";

    /// <summary>A new, empty database; its name.</summary>
    public string CreateDatabase()
    {
        var name = $"test_{Interlocked.Increment(ref _databases)}";
        Execute($"CREATE DATABASE {name}");
        return name;
    }

    /// <summary>An outage: the server stops (open connections are cut); its data and port are kept.</summary>
    public void Pause() => Check(Run("pause", _directory), "pause");

    /// <summary>The end of the outage: the same data on the same <see cref="Port"/>.</summary>
    public void Resume() => Check(Run("resume", _directory), "resume");

    public void Dispose() => Run("stop", _directory);

    /// <summary>Drops the database, closing whatever connections are still open to it.</summary>
    public void DropDatabase(string name) => Execute($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static void Check((int Exit, string Output) result, string what)
    {
        if (result.Exit != 0)
        {
            throw new InvalidOperationException($"postgres.sh {what} failed (exit {result.Exit}): {result.Output}");
        }
    }

    private (int Exit, string Output) Run(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(_script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.GetAwaiter().GetResult());
    }
}
