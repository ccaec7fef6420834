using System.Text.RegularExpressions;
using BleepStore.Api.Observability;
using BleepStore.Application.Abstractions;
using BleepStore.Application.Diagnostics;

namespace BleepStore.Api.Tests.Observability;

public sealed partial class MetricsRegistryTests
{
    private static readonly string[] Names =
    [
        "bleepstore_http_requests_total", "bleepstore_http_request_duration_seconds", "bleepstore_http_request_size_bytes",
        "bleepstore_http_response_size_bytes", "bleepstore_s3_operations_total", "bleepstore_objects_total",
        "bleepstore_buckets_total", "bleepstore_bytes_received_total", "bleepstore_bytes_sent_total",
    ];

    private static MetricsRegistry Registry(long objects = 7, long buckets = 2)
    {
        return new MetricsRegistry(_ => Task.FromResult(new MetadataCounts(buckets, objects, 0, 0)));
    }

    [Fact]
    public async Task ScrapeAsync_Fresh_HasAllNineNamesWithHelpAndType()
    {
        using var registry = Registry();
        var text = await registry.ScrapeAsync(default);
        foreach (var name in Names)
        {
            Assert.Contains($"# TYPE {name} ", text, StringComparison.Ordinal);
            Assert.Contains($"# HELP {name} ", text, StringComparison.Ordinal);
        }

        Assert.Contains("bleepstore_objects_total 7\n", text, StringComparison.Ordinal);
        Assert.Contains("bleepstore_buckets_total 2\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScrapeAsync_AfterRequests_CumulativeBucketsSumAndCount()
    {
        using var registry = Registry();
        registry.RecordHttp("GET", "/{bucket}/{key}", 200, 0.003, 0, 5000);
        registry.RecordHttp("GET", "/{bucket}/{key}", 200, 0.2, 0, 100);

        var text = await registry.ScrapeAsync(default);

        Assert.Contains("bleepstore_http_requests_total{method=\"GET\",path=\"/{bucket}/{key}\",status=\"200\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("bleepstore_http_request_duration_seconds_bucket{method=\"GET\",path=\"/{bucket}/{key}\",le=\"0.005\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("bleepstore_http_request_duration_seconds_bucket{method=\"GET\",path=\"/{bucket}/{key}\",le=\"0.25\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("bleepstore_http_request_duration_seconds_bucket{method=\"GET\",path=\"/{bucket}/{key}\",le=\"+Inf\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("bleepstore_http_request_duration_seconds_count{method=\"GET\",path=\"/{bucket}/{key}\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("bleepstore_bytes_sent_total 5100\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScrapeAsync_EveryLine_FollowsTheTextFormat()
    {
        using var registry = Registry();
        registry.RecordHttp("PUT", "/{bucket}", 403, 0.01, 10, 200);
        var text = await registry.ScrapeAsync(default);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.Matches(LineFormat(), line);
        }
    }

    [Fact]
    public async Task ScrapeAsync_ApplicationOperations_CountedFromTheMeter()
    {
        using var registry = Registry();
        BleepStoreMetrics.Operations.Add(1, new("operation", "PutObject"), new("status", "success"));

        var text = await registry.ScrapeAsync(default);

        Assert.Matches("bleepstore_s3_operations_total\\{operation=\"PutObject\",status=\"success\"\\} [1-9]", text);
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/bkt", "/{bucket}")]
    [InlineData("/bkt/", "/{bucket}")]
    [InlineData("/bkt/a/b", "/{bucket}/{key}")]
    [InlineData("/healthz", "/healthz")]
    public void PathLabel_MapsToShape(string path, string expected) => Assert.Equal(expected, MetricsRegistry.PathLabel(path));

    [Fact]
    public void Sample_LabelValueWithQuoteBackslashNewline_Escaped()
    {
        var writer = new PrometheusTextWriter();
        writer.Sample("m", ["l"], ["a\"b\\c\nd"], 1);
        Assert.Equal("m{l=\"a\\\"b\\\\c\\nd\"} 1\n", writer.ToString());
    }

    [GeneratedRegex(@"^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+|[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*=""([^""\\]|\\.)*"",?)+\})? (-?[0-9.eE+-]+|\+Inf|NaN))$")]
    private static partial Regex LineFormat();
}
