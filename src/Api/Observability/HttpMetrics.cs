using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using BleepStore.Application.Abstractions;
using BleepStore.Application.Diagnostics;

namespace BleepStore.Api.Observability;

/// <summary>
/// The HTTP side of spec 70's nine metrics, as System.Diagnostics.Metrics instruments on the meter
/// <see cref="MeterName"/>; the OpenTelemetry SDK aggregates them and its Prometheus exporter serves
/// <c>/metrics</c>. Histogram buckets travel with the instruments (instrument advice). Also the bytes in and
/// out per S3 operation. The object and bucket gauges read counts from the metadata store, refreshed
/// before a scrape (at most every few seconds), so they are right after a restart.
/// </summary>
internal sealed class HttpMetrics : IDisposable
{
    public const string MeterName = "BleepStore.Http";

    private static readonly TimeSpan GaugeCacheTime = TimeSpan.FromSeconds(5);
    private static readonly string[] StatusTexts = Enumerable.Range(0, 600).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    private readonly Func<CancellationToken, Task<MetadataCounts>> _count;
    private readonly SemaphoreSlim _gaugeGate = new(1, 1);
    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Histogram<long> _requestSize;
    private readonly Histogram<long> _responseSize;
    private readonly Counter<long> _received;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _operationReceived;
    private readonly Counter<long> _operationSent;
    private MetadataCounts _counts;
    private long _countsAt = long.MinValue;

    public HttpMetrics(string meterName, Func<CancellationToken, Task<MetadataCounts>> count)
    {
        _count = count;
        _meter = new Meter(meterName, "1.0.0");
        _requests = _meter.CreateCounter<long>("bleepstore_http_requests_total", description: "HTTP requests by method, path shape and status.");
        _duration = _meter.CreateHistogram(
            "bleepstore_http_request_duration_seconds", unit: null, description: "HTTP request duration in seconds.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = BleepStoreMetrics.DurationBounds });
        _requestSize = _meter.CreateHistogram(
            "bleepstore_http_request_size_bytes", unit: null, description: "HTTP request body size in bytes.", tags: null,
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = BleepStoreMetrics.SizeBounds });
        _responseSize = _meter.CreateHistogram(
            "bleepstore_http_response_size_bytes", unit: null, description: "HTTP response body size in bytes.", tags: null,
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = BleepStoreMetrics.SizeBounds });
        _meter.CreateObservableGauge("bleepstore_objects_total", () => _counts.Objects, description: "Objects stored.");
        _meter.CreateObservableGauge("bleepstore_buckets_total", () => _counts.Buckets, description: "Buckets.");
        _received = _meter.CreateCounter<long>("bleepstore_bytes_received_total", description: "Request body bytes received.");
        _sent = _meter.CreateCounter<long>("bleepstore_bytes_sent_total", description: "Response body bytes sent.");
        _operationReceived = _meter.CreateCounter<long>("bleepstore_s3_operation_bytes_received_total", description: "Request body bytes received by S3 operation.");
        _operationSent = _meter.CreateCounter<long>("bleepstore_s3_operation_bytes_sent_total", description: "Response body bytes sent by S3 operation.");
    }

    public void RecordHttp(string method, string path, int status, double seconds, long requestBytes, long responseBytes, string? operation = null)
    {
        var statusText = (uint)status < StatusTexts.Length ? StatusTexts[status] : status.ToString(CultureInfo.InvariantCulture);
        _requests.Add(1, new KeyValuePair<string, object?>("method", method), new("path", path), new("status", statusText));
        var shape = new TagList { { "method", method }, { "path", path } };
        _duration.Record(seconds, shape);
        _requestSize.Record(requestBytes, shape);
        _responseSize.Record(responseBytes, shape);
        _received.Add(requestBytes);
        _sent.Add(responseBytes);
        if (operation is not null)
        {
            var op = new KeyValuePair<string, object?>("operation", operation);
            _operationReceived.Add(requestBytes, op);
            _operationSent.Add(responseBytes, op);
        }
    }

    /// <summary>Reads the object and bucket counts from the store when the cached ones are older than a few seconds.</summary>
    public async Task RefreshGaugesAsync(CancellationToken ct)
    {
        await _gaugeGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_countsAt == long.MinValue || Stopwatch.GetElapsedTime(_countsAt) > GaugeCacheTime)
            {
                _counts = await _count(ct).ConfigureAwait(false);
                _countsAt = Stopwatch.GetTimestamp();
            }
        }
        finally
        {
            _gaugeGate.Release();
        }
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
        _meter.Dispose();
        _gaugeGate.Dispose();
    }
}
