using BenchmarkDotNet.Running;
using BleepStore.Benchmarks.Tools;

namespace BleepStore.Benchmarks;

/// <summary>
/// BenchmarkDotNet suites for the hot paths, plus two helpers the load script needs:
/// <c>fsync-baseline</c> (the naive durable small-write rate) and <c>seed-list-db</c> (a bucket of N keys) and <c>seed-list-pg</c> (the same in PostgreSQL, for scripts/bench/postgres.sh); and <c>in-process-start</c> (BleepStore.Testing start-up); for
/// scripts/bench/versioning.sh <c>seed-versions-db</c> (a versioned bucket of N versions) and <c>time-list-versions</c>; and
/// <c>aws-call-cost</c> (this process's CPU and allocation per call of the aws gateway's storage against a running upstream).
/// </summary>
public static class Program
{
    public static int Main(string[] args) => args.FirstOrDefault() switch
    {
        "fsync-baseline" => FsyncBaseline.Run(args[1..]),
        "seed-list-db" => ListDbSeeder.Run(args[1..]),
        "seed-list-pg" => ListPgSeeder.Run(args[1..]),
        "seed-versions-db" => VersionsDbSeeder.Run(args[1..]),
        "time-list-versions" => ListVersionsTiming.Run(args[1..]),
        "in-process-start" => InProcessStart.Run(args[1..]),
        "aws-call-cost" => AwsCallCost.Run(args[1..]),
        _ => Run(args),
    };

    private static int Run(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
