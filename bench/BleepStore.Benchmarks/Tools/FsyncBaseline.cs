using System.Diagnostics;
using System.Globalization;

namespace BleepStore.Benchmarks.Tools;

/// <summary>
/// The naive durable small-PUT limit: N threads each writing a 4 KiB temp file, fsync, rename into place.
/// Prints one JSON line: files, seconds, files/s, p50/p99 ms.
/// <code>fsync-baseline --dir DIR [--threads 16] [--seconds 10] [--size 4096]</code>
/// </summary>
internal static class FsyncBaseline
{
    public static int Run(string[] argv)
    {
        var args = new ToolArgs(argv);
        var dir = args.Get("dir");
        var threads = args.GetInt("threads", 16);
        var seconds = args.GetDouble("seconds", 10);
        var payload = new byte[args.GetInt("size", 4096)];
        Random.Shared.NextBytes(payload);
        Directory.CreateDirectory(dir);

        var latencies = new List<double>[threads];
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var sw = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var mine = latencies[t] = [];
            for (var i = 0; Stopwatch.GetTimestamp() < deadline; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var final = Path.Combine(dir, $"t{t}-{i}");
                var temp = final + ".tmp";
                using (var f = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None))
                {
                    f.Write(payload);
                    f.Flush(flushToDisk: true);
                }

                File.Move(temp, final, overwrite: true);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        var elapsed = sw.Elapsed.TotalSeconds;

        var all = latencies.SelectMany(l => l).Order().ToArray();
        double P(double q) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(q * all.Length))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"Files\":{all.Length},\"Seconds\":{elapsed:F3},\"OpsPerSec\":{all.Length / elapsed:F1},\"P50\":{P(0.5):F3},\"P99\":{P(0.99):F3}}}"));
        Directory.Delete(dir, recursive: true);
        return 0;
    }
}
