using System.Globalization;
using BleepStore.Api.Configuration;
using BleepStore.Api.Hosting;
using BleepStore.Application.Objects;
using BleepStore.Infrastructure.Configuration;
using BleepStore.Infrastructure.Hosting;

namespace BleepStore.Api.Cli;

/// <summary>
/// <c>bleepstore fsck [--repair] [--deep]</c>: checks the store of <c>--config</c> (metadata and storage as the server
/// opens them) with <see cref="StorageReconciler.CheckAsync"/>; one line per finding and a summary on stdout. Exit 0
/// when clean, 1 when something was found (repaired or not). Run it with the server stopped.
/// </summary>
internal static class FsckCommand
{
    public const string Usage = "usage: bleepstore fsck [--config PATH] [--repair] [--deep]";

    private static readonly HashSet<string> Valued = ["--config"];
    private static readonly HashSet<string> Switches = ["--repair", "--deep", "--help"];

    public static int Run(IReadOnlyList<string> args, TextWriter stdout)
    {
        var flags = CliArgs.Parse(args, Valued, Switches);
        if (flags.Has("--help"))
        {
            stdout.WriteLine(Usage);
            return 0;
        }

        var config = ConfigLoader.Load(new CommandLineOptions { ConfigPath = flags.Value("--config") }, Environment.CurrentDirectory, Environment.GetEnvironmentVariable);
        if (config.Metadata.Engine == MetadataEngines.Memory || config.Storage.Backend == StorageBackends.Memory)
        {
            throw new CliException("metadata.engine memory or storage.backend memory: nothing survives the process, there is nothing to check");
        }

        var services = new ServiceCollection();
        services.AddBleepStore(CompositionRoot.OptionsFrom(config) with { UploadReaperInterval = null, LifecycleInterval = null });
        using var provider = services.BuildServiceProvider();
        var reconciler = provider.GetRequiredService<StorageReconciler>();
        var options = new FsckOptions(flags.Has("--repair"), flags.Has("--deep"));

        var report = CliProgress.Run("fsck", showOnStdout: true, progress =>
            reconciler.CheckAsync(options, progress, CancellationToken.None).GetAwaiter().GetResult());

        foreach (var f in report.Findings)
        {
            var where = f.Key is null ? f.Bucket : $"{f.Bucket}/{f.Key}";
            var upload = f.UploadId is null ? "" : $" upload {f.UploadId}";
            var blob = f.BlobId is null ? "" : $" blob {f.BlobId}";
            stdout.WriteLine($"{f.Kind} {where}{upload}{blob}: {f.Detail}{(f.Repaired ? Repair(f) : "")}");
        }

        var c = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Create(c, $"checked {report.Buckets} buckets, {report.Objects} objects, {report.Uploads} uploads ({report.Parts} parts), {report.Blobs} blobs") +
            (options.Deep ? string.Create(c, $", re-hashed {report.BytesHashed} bytes") : ""));
        if (report.Clean)
        {
            stdout.WriteLine("clean");
            return 0;
        }

        var kinds = report.Findings.GroupBy(f => f.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
        var repaired = report.Findings.Count(f => f.Repaired);
        stdout.WriteLine($"{report.Findings.Count} problem(s): {string.Join(", ", kinds)}" +
            (options.Repair ? $"; {repaired} repaired" : "; run with --repair to fix what is safe"));
        return 1;
    }

    private static string Repair(FsckFinding f) => f switch
    {
        { Kind: FsckKinds.OrphanBlob } => " [repaired: blob deleted]",
        { UploadId: not null } => " [repaired: upload aborted]",
        { Kind: FsckKinds.MissingBytes } => " [repaired: row deleted]",
        _ => " [repaired: object removed, row and blob]",
    };
}
