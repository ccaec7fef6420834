namespace BleepStore.Api.Cli;

/// <summary>
/// Progress of a long run (rows per table), shown only when stdout is a terminal and is not the data itself;
/// silent otherwise (pipes, files, CI logs).
/// </summary>
internal sealed class CliProgress : IDisposable
{
    private readonly string _verb;
    private readonly bool _show;
    private string _lastTable = "";
    private long _lastRows;

    private CliProgress(string verb, bool show)
    {
        _verb = verb;
        _show = show;
    }

    public static CliProgress Start(string verb, bool showOnStdout) => new(verb, showOnStdout && !Console.IsOutputRedirected);

    public void Report(string table, long rows)
    {
        if (!_show)
        {
            return;
        }

        _lastTable = table;
        _lastRows = rows;
        Console.Out.Write($"\r{_verb}: {table} {rows:N0} rows   ");
    }

    public void Dispose()
    {
        if (_show && _lastTable.Length > 0)
        {
            Console.Out.WriteLine($"\r{_verb}: {_lastTable} {_lastRows:N0} rows, done");
        }
    }
}
