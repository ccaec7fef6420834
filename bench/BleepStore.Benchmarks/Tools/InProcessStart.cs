using System.Diagnostics;
using System.Globalization;
using BleepStore.Testing;

namespace BleepStore.Benchmarks.Tools;

/// <summary>
/// How long a test waits for BleepStore.Testing: start an in-process server, answer the first signed request
/// (ListBuckets, through AWSSDK.S3), dispose. The first start in a process pays the JIT, as the first test of a suite does; the
/// rest show the cost per extra fixture. Prints one JSON line.
/// <code>in-process-start [--starts 20]</code>
/// </summary>
internal static class InProcessStart
{
    public static int Run(string[] argv)
    {
        var args = new ToolArgs(argv);
        var starts = args.GetInt("starts", 20);
        var firstMs = 0.0;
        var firstServerMs = 0.0;
        var warm = new List<double>(starts);
        var disposeMs = new List<double>(starts);
        for (var i = 0; i < starts; i++)
        {
            var sw = Stopwatch.StartNew();
            var server = BleepStoreServer.StartAsync().GetAwaiter().GetResult();
            if (i == 0)
            {
                firstServerMs = sw.Elapsed.TotalMilliseconds;
            }

            server.Client.ListBucketsAsync().GetAwaiter().GetResult();
            var ms = sw.Elapsed.TotalMilliseconds;
            if (i == 0)
            {
                firstMs = ms;
            }
            else
            {
                warm.Add(ms);
            }

            sw.Restart();
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            disposeMs.Add(sw.Elapsed.TotalMilliseconds);
        }

        warm.Sort();
        disposeMs.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"starts\":{starts},\"first_start_to_first_response_ms\":{firstMs:F1},\"first_server_start_ms\":{firstServerMs:F1},\"warm_p50_ms\":{Percentile(warm, 0.5):F1},\"warm_max_ms\":{(warm.Count > 0 ? warm[^1] : 0):F1},\"dispose_p50_ms\":{Percentile(disposeMs, 0.5):F1}}}"));
        return 0;
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
}
