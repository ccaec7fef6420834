using System.Net;
using System.Text.RegularExpressions;
using Amazon.S3.Model;
using BleepStore.Api.Observability;
using BleepStore.Api.Tests.Support;
using BleepStore.Application.Abstractions;
using BleepStore.Application.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace BleepStore.Api.Tests.Observability;

/// <summary><c>/metrics</c> through the OpenTelemetry SDK and its Prometheus exporter: spec 70's names, types, labels and buckets.</summary>
public sealed partial class MetricsExporterTests
{
    private static readonly (string Name, string Type)[] SpecMetrics =
    [
        ("bleepstore_http_requests_total", "counter"), ("bleepstore_http_request_duration_seconds", "histogram"),
        ("bleepstore_http_request_size_bytes", "histogram"), ("bleepstore_http_response_size_bytes", "histogram"),
        ("bleepstore_s3_operations_total", "counter"), ("bleepstore_objects_total", "gauge"), ("bleepstore_buckets_total", "gauge"),
        ("bleepstore_bytes_received_total", "counter"), ("bleepstore_bytes_sent_total", "counter"),
    ];

    [Fact]
    public async Task FreshScrape_HasAllNineNamesWithTheirTypes_AndGaugesFromTheStore()
    {
        using var factory = new BleepStoreFactory();
        var text = await factory.CreateClient().GetStringAsync("/metrics");

        foreach (var (name, type) in SpecMetrics)
        {
            Assert.Contains($"# TYPE {name} {type}\n", text, StringComparison.Ordinal);
            Assert.Contains($"# HELP {name} ", text, StringComparison.Ordinal);
        }

        Assert.Contains("bleepstore_objects_total{} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("bleepstore_buckets_total{} 0\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterRequests_SpecLabelsBucketsAndPerOperationFigures()
    {
        using var factory = new BleepStoreFactory();
        using var s3 = factory.CreateS3Client();
        await s3.PutBucketAsync("mxb");
        // Larger than the 64 KiB inline threshold, so the bytes go through the storage backend.
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "mxb", Key = "k", ContentBody = new string('a', 70_000) });
        using (await s3.GetObjectAsync("mxb", "k"))
        {
        }

        // The GET is counted once the server has finished its response, which can be just after the client read it.
        var text = await ScrapeUntilAsync(factory, "bleepstore_http_requests_total{method=\"GET\",path=\"/{bucket}/{key}\",status=\"200\"}");

        Assert.Contains("bleepstore_http_requests_total{method=\"GET\",path=\"/{bucket}/{key}\",status=\"200\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("bleepstore_http_response_size_bytes_bucket{method=\"GET\",path=\"/{bucket}/{key}\",le=\"65536\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("bleepstore_http_response_size_bytes_bucket{method=\"GET\",path=\"/{bucket}/{key}\",le=\"262144\"} 1\n", text, StringComparison.Ordinal);
        foreach (var le in new[] { "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf" })
        {
            Assert.Contains($"bleepstore_http_request_duration_seconds_bucket{{method=\"PUT\",path=\"/{{bucket}}/{{key}}\",le=\"{le}\"}} ", text, StringComparison.Ordinal);
        }

        Assert.Contains("bleepstore_http_request_duration_seconds_count{method=\"PUT\",path=\"/{bucket}/{key}\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("bleepstore_s3_operations_total{operation=\"PutObject\",status=\"success\"} 1\n", text, StringComparison.Ordinal);
        // The request body on the wire: the SDK's aws-chunked framing makes it larger than the object.
        var received = Regex.Match(text, "bleepstore_s3_operation_bytes_received_total\\{operation=\"PutObject\"\\} ([0-9]+)\n");
        Assert.True(received.Success && long.Parse(received.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 70_000, text);
        Assert.Contains("bleepstore_s3_operation_bytes_sent_total{operation=\"GetObject\"} 70000\n", text, StringComparison.Ordinal);
        Assert.Matches("bleepstore_bytes_received_total\\{\\} [1-9][0-9]*\n", text);
        Assert.Contains("bleepstore_storage_operation_duration_seconds_count{backend=\"local\",operation=\"write\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("bleepstore_storage_operation_duration_seconds_count{backend=\"local\",operation=\"open_read\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("bleepstore_objects_total{} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("bleepstore_buckets_total{} 1\n", text, StringComparison.Ordinal);
        // observability.runtime_metrics is off by default: no runtime or process series.
        Assert.DoesNotContain("process_cpu_time_seconds_total", text, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet_gc_collections_total", text, StringComparison.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.Matches(LineFormat(), line);
        }
    }

    [Theory]
    [InlineData("sqlite", "local")]
    [InlineData("memory", "memory")]
    public async Task MetadataCalls_TimedByEngineAndOperation_NextToTheStorageLatency(string engine, string backend)
    {
        using var factory = new BleepStoreFactory(new Dictionary<string, string> { ["metadata.engine"] = engine, ["storage.backend"] = backend }, null);
        using var s3 = factory.CreateS3Client();
        await s3.PutBucketAsync("mdb");
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "mdb", Key = "k", ContentBody = "x" });
        using (await s3.GetObjectAsync("mdb", "k"))
        {
        }

        Assert.IsType<InstrumentedMetadataStore>(factory.Services.GetRequiredService<IMetadataStore>());
        var text = await ScrapeUntilAsync(factory, "bleepstore_http_requests_total{method=\"GET\",path=\"/{bucket}/{key}\",status=\"200\"}");

        const string Name = "bleepstore_metadata_operation_duration_seconds";
        Assert.Contains($"# TYPE {Name} histogram\n", text, StringComparison.Ordinal);
        Assert.Contains($"# HELP {Name} ", text, StringComparison.Ordinal);
        Assert.Contains($"{Name}_count{{engine=\"{engine}\",operation=\"try_create_bucket\"}} 1\n", text, StringComparison.Ordinal);
        Assert.Contains($"{Name}_count{{engine=\"{engine}\",operation=\"put_object\"}} 1\n", text, StringComparison.Ordinal);
        Assert.Matches($"{Name}_count\\{{engine=\"{engine}\",operation=\"get_object\"\\}} [1-9][0-9]*\n", text);
        // Spec 70's duration buckets, each a cumulative count; the last one holds every call.
        var previous = 0L;
        foreach (var le in new[] { "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf" })
        {
            var bucket = Regex.Match(text, $"{Name}_bucket\\{{engine=\"{engine}\",operation=\"put_object\",le=\"{Regex.Escape(le)}\"\\}} ([0-9]+)\n");
            Assert.True(bucket.Success, le);
            var count = long.Parse(bucket.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(count >= previous, le);
            previous = count;
        }

        Assert.Equal(1, previous);
        Assert.Matches($"{Name}_sum\\{{engine=\"{engine}\",operation=\"put_object\"\\}} [0-9.eE+-]+\n", text);
    }

    [Fact]
    public void MetricsOff_TheMetadataStoreIsCalledDirectly()
    {
        using var factory = new BleepStoreFactory(new Dictionary<string, string> { ["observability.metrics"] = "false" }, null);
        _ = factory.BaseAddress;

        Assert.IsNotType<InstrumentedMetadataStore>(factory.Services.GetRequiredService<IMetadataStore>());
    }

    [Fact]
    public async Task RuntimeMetricsOn_RuntimeAndProcessSeries()
    {
        using var factory = new BleepStoreFactory(new Dictionary<string, string> { ["observability.runtime_metrics"] = "true" }, null);
        var text = await factory.CreateClient().GetStringAsync("/metrics");

        Assert.Contains("# TYPE process_cpu_time_seconds_total counter", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_gc_collections_total counter", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE bleepstore_http_requests_total counter", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricsOff_NotFound()
    {
        using var factory = new BleepStoreFactory(new Dictionary<string, string> { ["observability.metrics"] = "false" }, null);
        using var response = await factory.CreateClient().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/bkt", "/{bucket}")]
    [InlineData("/bkt/", "/{bucket}")]
    [InlineData("/bkt/a/b", "/{bucket}/{key}")]
    [InlineData("/healthz", "/healthz")]
    public void PathLabel_MapsToShape(string path, string expected) => Assert.Equal(expected, HttpMetrics.PathLabel(path));

    /// <summary>Scrapes until <paramref name="fragment"/> is in the text (at most 5 s), then returns that scrape.</summary>
    private static async Task<string> ScrapeUntilAsync(BleepStoreFactory factory, string fragment)
    {
        using var client = factory.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var text = await client.GetStringAsync("/metrics");
            if (text.Contains(fragment, StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return text;
            }

            await Task.Delay(20);
        }
    }

    // Prometheus text 0.0.4: comments, or name{labels} value [timestamp] (the exporter writes {} for no labels).
    [GeneratedRegex(@"^(# (HELP|TYPE|UNIT) [a-zA-Z_:][a-zA-Z0-9_:]* .+|[a-zA-Z_:][a-zA-Z0-9_:]*\{(([a-zA-Z_][a-zA-Z0-9_]*=""([^""\\]|\\.)*"",?)*)\} (-?[0-9.eE+-]+|\+Inf|-Inf|NaN)( [0-9]+)?)$")]
    private static partial Regex LineFormat();
}
