using System.Diagnostics.Metrics;
using BleepStore.Application.Abstractions;
using BleepStore.Application.Diagnostics;

namespace BleepStore.Api.Observability;

/// <summary>
/// The nine metrics of spec 70, served as Prometheus text at <c>/metrics</c>. HTTP figures are
/// recorded by <see cref="HttpMetricsMiddleware"/>; operation outcomes come from the Application's
/// System.Diagnostics.Metrics meter; the object and bucket gauges are read from the metadata store
/// at scrape time (cached briefly), so they are always right after a restart.
/// </summary>
internal sealed class MetricsRegistry : IDisposable
{
    private static readonly double[] DurationBounds = [.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10];
    private static readonly double[] SizeBounds = [256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];
    private static readonly TimeSpan GaugeCacheTime = TimeSpan.FromSeconds(5);

    private readonly Func<CancellationToken, Task<MetadataCounts>> _count;
    private readonly MeterListener _listener = new();
    private readonly SemaphoreSlim _gaugeGate = new(1, 1);
    private MetadataCounts _counts;
    private DateTimeOffset _countsAt = DateTimeOffset.MinValue;

    public MetricsRegistry(IMetadataStore store)
        : this(store.CountAsync)
    {
    }

    public MetricsRegistry(Func<CancellationToken, Task<MetadataCounts>> count)
    {
        _count = count;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == BleepStoreMetrics.MeterName && instrument.Name == "bleepstore_s3_operations_total")
            {
                listener.EnableMeasurementEvents(instrument, this);
            }
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) =>
        {
            string operation = "Unknown", status = "success";
            foreach (var tag in tags)
            {
                if (tag.Key == "operation" && tag.Value is string op)
                {
                    operation = op;
                }
                else if (tag.Key == "status" && tag.Value is string st)
                {
                    status = st;
                }
            }

            ((MetricsRegistry)state!).S3Operations.Add(value, operation, status);
        });
        _listener.Start();
    }

    public LabeledCounter HttpRequests { get; } = new("bleepstore_http_requests_total", "HTTP requests by method, path shape and status.", "method", "path", "status");

    public LabeledHistogram HttpDuration { get; } = new("bleepstore_http_request_duration_seconds", "HTTP request duration in seconds.", DurationBounds, "method", "path");

    public LabeledHistogram HttpRequestSize { get; } = new("bleepstore_http_request_size_bytes", "HTTP request body size in bytes.", SizeBounds, "method", "path");

    public LabeledHistogram HttpResponseSize { get; } = new("bleepstore_http_response_size_bytes", "HTTP response body size in bytes.", SizeBounds, "method", "path");

    public LabeledCounter S3Operations { get; } = new("bleepstore_s3_operations_total", "S3 operations by name and outcome.", "operation", "status");

    public LabeledCounter BytesReceived { get; } = new("bleepstore_bytes_received_total", "Request body bytes received.");

    public LabeledCounter BytesSent { get; } = new("bleepstore_bytes_sent_total", "Response body bytes sent.");

    public void RecordHttp(string method, string path, int status, double seconds, long requestBytes, long responseBytes)
    {
        HttpRequests.Add(1, method, path, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        HttpDuration.Observe(seconds, method, path);
        HttpRequestSize.Observe(requestBytes, method, path);
        HttpResponseSize.Observe(responseBytes, method, path);
        BytesReceived.Add(requestBytes);
        BytesSent.Add(responseBytes);
    }

    public async Task<string> ScrapeAsync(CancellationToken ct)
    {
        var counts = await CountsAsync(ct).ConfigureAwait(false);
        var writer = new PrometheusTextWriter();
        HttpRequests.WriteTo(writer);
        HttpDuration.WriteTo(writer);
        HttpRequestSize.WriteTo(writer);
        HttpResponseSize.WriteTo(writer);
        S3Operations.WriteTo(writer);
        writer.Header("bleepstore_objects_total", "Objects stored.", "gauge");
        writer.Sample("bleepstore_objects_total", [], [], counts.Objects);
        writer.Header("bleepstore_buckets_total", "Buckets.", "gauge");
        writer.Sample("bleepstore_buckets_total", [], [], counts.Buckets);
        BytesReceived.WriteTo(writer);
        BytesSent.WriteTo(writer);
        return writer.ToString();
    }

    /// <summary>The path label: <c>/</c>, <c>/{bucket}</c>, <c>/{bucket}/{key}</c>, or the infra path itself.</summary>
    public static string PathLabel(string path)
    {
        if (path is "/" or "")
        {
            return "/";
        }

        if (path is "/health" or "/healthz" or "/readyz" or "/docs" or "/openapi.json")
        {
            return path;
        }

        var slash = path.IndexOf('/', 1);
        return slash < 0 || slash == path.Length - 1 ? "/{bucket}" : "/{bucket}/{key}";
    }

    public void Dispose()
    {
        _listener.Dispose();
        _gaugeGate.Dispose();
    }

    private async Task<MetadataCounts> CountsAsync(CancellationToken ct)
    {
        await _gaugeGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (DateTimeOffset.UtcNow - _countsAt > GaugeCacheTime)
            {
                _counts = await _count(ct).ConfigureAwait(false);
                _countsAt = DateTimeOffset.UtcNow;
            }

            return _counts;
        }
        finally
        {
            _gaugeGate.Release();
        }
    }
}
