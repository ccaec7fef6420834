using BleepStore.Api.Configuration;
using BleepStore.Api.Hosting;
using BleepStore.Infrastructure.Configuration;
using BleepStore.Infrastructure.Metadata.Transfer;

namespace BleepStore.Api.Cli;

/// <summary>
/// <c>bleepstore meta export|import</c> (spec 60): opens the metadata directly (a SQLite file read-only for export),
/// not through a server. The store is <c>--db PATH</c> (a SQLite file), else <c>--postgres CONNECTION_STRING</c> (a
/// PostgreSQL database; keys left out come from the <c>PG*</c> variables), else what <c>--config</c> (default
/// <c>bleepstore.yaml</c>, as the server finds it) names: <c>metadata.sqlite.path</c> or <c>metadata.postgres.*</c>.
/// Both engines export the same bytes for the same rows, so export from one and import into the other moves a store.
/// </summary>
internal static class MetaCommand
{
    public const string Usage =
        "usage: bleepstore meta export [--config PATH] [--db PATH|--postgres CONNSTR] [--format json] [--output PATH|-] [--tables LIST] [--include-credentials]\n" +
        "       bleepstore meta import [--config PATH] [--db PATH|--postgres CONNSTR] [--format json] [--input PATH|-] [--tables LIST] [--merge|--replace]";

    private static readonly HashSet<string> Valued = ["--config", "--db", "--postgres", "--format", "--output", "--input", "--tables"];
    private static readonly HashSet<string> Switches = ["--include-credentials", "--merge", "--replace"];

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, Stream stdoutStream, Stream stdinStream)
    {
        if (args.Count > 0 && args[0] is "--help" or "-h")
        {
            stdout.WriteLine(Usage);
            return 0;
        }

        if (args.Count == 0 || args[0] is not ("export" or "import"))
        {
            throw new CliException("expected 'export' or 'import'\n" + Usage);
        }

        var flags = CliArgs.Parse(args.Skip(1).ToList(), Valued, Switches);
        if ((flags.Value("--format") ?? "json") != "json")
        {
            throw new CliException($"--format {flags.Value("--format")} is not supported (json only)");
        }

        var db = Store(flags);
        IReadOnlyList<ExportTable> tables;
        try
        {
            tables = ExportTable.Parse(flags.Value("--tables"));
        }
        catch (ArgumentException e)
        {
            throw new CliException("--tables: " + e.Message);
        }

        return args[0] == "export" ? Export(flags, db, tables, stderr, stdoutStream) : Import(flags, db, tables, stderr, stdinStream);
    }

    private static int Export(CliArgs flags, MetadataSource db, IReadOnlyList<ExportTable> tables, TextWriter stderr, Stream stdoutStream)
    {
        if (flags.Has("--merge") || flags.Has("--replace"))
        {
            throw new CliException("--merge and --replace are import flags");
        }

        var target = flags.Value("--output") ?? "-";
        var toStdout = target == "-";
        var options = new ExportOptions { Tables = tables, IncludeCredentials = flags.Has("--include-credentials"), Source = $"bleepstore-dotnet/{VersionInfo.Version}" };
        var counts = CliProgress.Run("export", showOnStdout: !toStdout, report =>
        {
            if (toStdout)
            {
                return db.Export(stdoutStream, options, report);
            }

            // Written beside the target and renamed when complete: a failed export leaves no half file under the name.
            var full = Path.GetFullPath(target);
            var temp = full + ".tmp-" + Environment.ProcessId;
            try
            {
                IReadOnlyDictionary<string, long> written;
                using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    written = db.Export(file, options, report);
                    file.Flush(flushToDisk: true);
                }

                File.Move(temp, full, overwrite: true);
                return written;
            }
            finally
            {
                File.Delete(temp);
            }
        });

        stderr.WriteLine("bleepstore: exported " + string.Join(", ", counts.Select(c => $"{c.Value} {c.Key}")));
        return 0;
    }

    private static int Import(CliArgs flags, MetadataSource db, IReadOnlyList<ExportTable> tables, TextWriter stderr, Stream stdinStream)
    {
        if (flags.Has("--include-credentials"))
        {
            throw new CliException("--include-credentials is an export flag");
        }

        if (flags.Has("--merge") && flags.Has("--replace"))
        {
            throw new CliException("--merge and --replace exclude each other");
        }

        var source = flags.Value("--input") ?? "-";
        var options = new ImportOptions { Replace = flags.Has("--replace"), Tables = tables };
        if (source != "-" && !File.Exists(source))
        {
            throw new CliException($"--input '{source}' not found");
        }

        var result = CliProgress.Run("import", showOnStdout: true, report =>
        {
            if (source == "-")
            {
                return db.Import(stdinStream, options, report);
            }

            using var file = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return db.Import(file, options, report);
        });

        foreach (var warning in result.Warnings)
        {
            stderr.WriteLine("bleepstore: warning: " + warning);
        }

        stderr.WriteLine("bleepstore: imported " + string.Join(", ", result.Inserted.Select(c => $"{c.Value} of {result.Read[c.Key]} {c.Key}")));
        return 0;
    }

    private static MetadataSource Store(CliArgs flags)
    {
        if (flags.Value("--db") is { } db)
        {
            return flags.Value("--postgres") is null
                ? new MetadataSource(Path.GetFullPath(db), null)
                : throw new CliException("--db and --postgres exclude each other");
        }

        if (flags.Value("--postgres") is { } connectionString)
        {
            var options = new PostgresOptions { ConnectionString = connectionString };
            _ = options.ToConnectionString(Environment.GetEnvironmentVariable);
            return new MetadataSource(null, options);
        }

        var config = ConfigLoader.Load(new CommandLineOptions { ConfigPath = flags.Value("--config") }, Environment.CurrentDirectory, Environment.GetEnvironmentVariable);
        return config.Metadata.Engine switch
        {
            MetadataEngines.Sqlite => new MetadataSource(config.Metadata.SqlitePath, null),
            MetadataEngines.Postgres => new MetadataSource(null, config.Metadata.Postgres),
            _ => throw new CliException($"metadata.engine is {config.Metadata.Engine}: there is no metadata file to export or import (use --db or --postgres)"),
        };
    }

    /// <summary>A SQLite file or a PostgreSQL database.</summary>
    private sealed record MetadataSource(string? SqlitePath, PostgresOptions? Postgres)
    {
        public IReadOnlyDictionary<string, long> Export(Stream output, ExportOptions options, Action<string, long> report) => Postgres is null
            ? MetadataExport.Run(SqlitePath!, output, options, DateTimeOffset.UtcNow, report)
            : MetadataExport.RunPostgres(Postgres, output, options, DateTimeOffset.UtcNow, report);

        public ImportResult Import(Stream input, ImportOptions options, Action<string, long> report) => Postgres is null
            ? MetadataImport.Run(SqlitePath!, input, options, report)
            : MetadataImport.RunPostgres(Postgres, input, options, report);
    }
}
