using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using BleepStore.Infrastructure.Storage.Aws;

namespace BleepStore.Benchmarks.Tools;

/// <summary>
/// This process's CPU and allocation per call of the aws gateway's storage (AwsObjectStorage, key names on) against a
/// real upstream S3 server in another process (scripts/bench/gateway.sh starts one): the SDK's share of a gateway
/// request, without the upstream's work and without the gateway's own HTTP front. One JSON line per variant.
/// <code>aws-call-cost --endpoint URL --access-key K --secret-key S --bucket B [--size 4096] [--count 4000]
///   [--concurrency 16] [--op get|put] [--variants default,nochunk,...]</code>
/// Variants are settings of the gateway (<see cref="AwsGatewayOptions"/>) plus SDK knobs measured for comparison.
/// </summary>
internal static class AwsCallCost
{
    public static int Run(string[] argv)
    {
        var args = new ToolArgs(argv);
        var size = args.GetInt("size", 4096);
        var count = args.GetInt("count", 4000);
        var concurrency = args.GetInt("concurrency", 16);
        var op = args.Get("op", "get");
        foreach (var variant in args.Get("variants", "default").Split(','))
        {
            var options = new AwsGatewayOptions
            {
                Bucket = args.Get("bucket"),
                EndpointUrl = args.Get("endpoint"),
                UsePathStyle = true,
                AccessKeyId = args.Get("access-key"),
                SecretAccessKey = args.Get("secret-key"),
                Prefix = "cost/" + variant + "/",
                KeyNames = true,
            };
            var config = AwsClients.CreateConfig(options);
            foreach (var knob in variant.Split('+'))
            {
                options = Apply(knob, options, config);
            }

            using var storage = new AwsObjectStorage(AwsClients.Create(options, config), options, null, ownsClient: true);
            var body = new byte[size];
            Random.Shared.NextBytes(body);
            var ids = new string[op == "get" ? 64 : 1];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = storage.WriteToKeyAsync("b", "obj" + i, new MemoryStream(body), CancellationToken.None).GetAwaiter().GetResult().BlobId;
            }

            var n = 0;
            async Task One(int i)
            {
                if (op == "put")
                {
                    await storage.WriteToKeyAsync("b", "put" + Interlocked.Increment(ref n), new MemoryStream(body), CancellationToken.None).ConfigureAwait(false);
                }
                else
                {
                    await using var s = await storage.OpenReadAsync("b", ids[i % ids.Length], 0, null, CancellationToken.None).ConfigureAwait(false);
                    await s.CopyToAsync(Stream.Null).ConfigureAwait(false);
                }
            }

            void Loop(int calls) => Parallel.For(0, concurrency, w =>
            {
                for (var i = w; i < calls; i += concurrency)
                {
                    One(i).GetAwaiter().GetResult();
                }
            });

            Loop(count / 2);
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var alloc0 = GC.GetTotalAllocatedBytes(true);
            var sw = Stopwatch.StartNew();
            Loop(count);
            var wall = sw.Elapsed.TotalSeconds;
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds;
            var alloc = GC.GetTotalAllocatedBytes(true) - alloc0;
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                variant,
                op,
                size,
                count,
                concurrency,
                cpuMsPerCall = Math.Round(cpu / count, 3),
                allocKbPerCall = Math.Round(alloc / 1024.0 / count, 1),
                callsPerSec = Math.Round(count / wall, 0),
                load = File.ReadAllText("/proc/loadavg").Split(' ')[0],
            }));
        }

        return 0;
    }

    private static AwsGatewayOptions Apply(string knob, AwsGatewayOptions options, AmazonS3Config config)
    {
        switch (knob)
        {
            case "default":
                return options;
            case "nochunk":
                options = options with { ChunkEncoding = false };
                config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
                config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
                return options;
            case "sdkendpoint":
                config.EndpointProvider = new Amazon.S3.Internal.AmazonS3EndpointProvider();
                return options;
            case "chunkoff":
                return options with { ChunkEncoding = false };
            case "noresponsecrc":
                config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
                return options;
            case "norequestcrc":
                config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
                return options;
            default:
                throw new ArgumentException("unknown variant knob " + knob.ToString(CultureInfo.InvariantCulture));
        }
    }
}
