using BleepStore.Infrastructure.Configuration;

namespace BleepStore.Api.Cli;

/// <summary>
/// <c>bleepstore meta …</c> and <c>bleepstore fsck …</c>. Exit codes: 0 done (fsck: clean), 1 fsck found
/// something or the run failed, 2 usage error. Messages go to stderr, one line each; never a stack trace.
/// </summary>
internal static class Subcommands
{
    public static int Run(string[] args)
    {
        var stderr = Console.Error;
        try
        {
            using var stdout = Console.OpenStandardOutput();
            using var stdin = Console.OpenStandardInput();
            return args[0] switch
            {
                "meta" => MetaCommand.Run(args[1..], Console.Out, stderr, stdout, stdin),
                "fsck" => FsckCommand.Run(args[1..], Console.Out),
                _ => throw new CliException("unknown subcommand"),
            };
        }
        catch (CliException e)
        {
            stderr.WriteLine($"bleepstore {args[0]}: {e.Message}");
            return 2;
        }
        catch (ConfigException e)
        {
            stderr.WriteLine($"bleepstore {args[0]}: invalid config: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException or InvalidOperationException)
        {
            stderr.WriteLine($"bleepstore {args[0]}: {e.Message}");
            return 1;
        }
    }
}
