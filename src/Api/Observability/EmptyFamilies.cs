using System.Text;

namespace BleepStore.Api.Observability;

/// <summary>
/// Spec 70 wants all nine metric names in a fresh scrape. The OpenTelemetry exporter writes a metric only once
/// it has a data point, so a labelled counter or histogram nobody has recorded yet would be missing: this
/// appends its <c># TYPE</c> and <c># HELP</c> lines (a family with no samples, valid Prometheus text 0.0.4).
/// Only for the text format; an OpenMetrics scrape is left as the exporter wrote it.
/// </summary>
internal static class EmptyFamilies
{
    private static readonly (string Name, string Type, string Help)[] Spec =
    [
        ("bleepstore_http_requests_total", "counter", "HTTP requests by method, path shape and status."),
        ("bleepstore_http_request_duration_seconds", "histogram", "HTTP request duration in seconds."),
        ("bleepstore_http_request_size_bytes", "histogram", "HTTP request body size in bytes."),
        ("bleepstore_http_response_size_bytes", "histogram", "HTTP response body size in bytes."),
        ("bleepstore_s3_operations_total", "counter", "S3 operations by name and outcome."),
        ("bleepstore_objects_total", "gauge", "Objects stored."),
        ("bleepstore_buckets_total", "gauge", "Buckets."),
        ("bleepstore_bytes_received_total", "counter", "Request body bytes received."),
        ("bleepstore_bytes_sent_total", "counter", "Response body bytes sent."),
    ];

    public static void AppendMissing(MemoryStream scrape)
    {
        var text = Encoding.UTF8.GetString(scrape.GetBuffer(), 0, (int)scrape.Length);
        var missing = new StringBuilder();
        foreach (var (name, type, help) in Spec)
        {
            if (!text.Contains($"# TYPE {name} ", StringComparison.Ordinal))
            {
                missing.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n')
                    .Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
            }
        }

        if (missing.Length > 0)
        {
            scrape.Position = scrape.Length;
            scrape.Write(Encoding.UTF8.GetBytes(missing.ToString()));
        }
    }
}
