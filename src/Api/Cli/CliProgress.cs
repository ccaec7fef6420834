using Spectre.Console;

namespace BleepStore.Api.Cli;

/// <summary>
/// Progress of a long run (rows per table, elapsed time) with Spectre.Console, shown only when stdout is an
/// interactive terminal and is not the data itself; otherwise (pipes, files, CI logs) nothing is written.
/// </summary>
internal static class CliProgress
{
    public static T Run<T>(string verb, bool showOnStdout, Func<Action<string, long>, T> work)
    {
        if (!showOnStdout || Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return work(static (_, _) => { });
        }

        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new SpinnerColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var gate = new Lock();
                void Report(string table, long rows)
                {
                    lock (gate)
                    {
                        if (!tasks.TryGetValue(table, out var task))
                        {
                            foreach (var earlier in tasks.Values)
                            {
                                earlier.StopTask();
                            }

                            task = context.AddTask(Markup.Escape(table)).IsIndeterminate();
                            tasks[table] = task;
                        }

                        task.Description = Markup.Escape($"{verb} {table}: {rows:N0} rows");
                    }
                }

                var result = work(Report);
                foreach (var task in tasks.Values)
                {
                    task.IsIndeterminate = false;
                    task.Value = task.MaxValue;
                    task.StopTask();
                }

                return result;
            });
    }
}
