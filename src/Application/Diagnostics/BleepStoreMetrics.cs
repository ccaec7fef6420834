using System.Diagnostics.Metrics;

namespace BleepStore.Application.Diagnostics;

/// <summary>
/// The Application's instruments, on the BCL's System.Diagnostics.Metrics so any exporter (the
/// Api's Prometheus endpoint, OTLP) can listen without the use cases knowing about it.
/// </summary>
public static class BleepStoreMetrics
{
    public const string MeterName = "BleepStore";

    public static readonly Meter Meter = new(MeterName, "1.0.0");

    /// <summary>bleepstore_s3_operations_total{operation, status=success|error}.</summary>
    public static readonly Counter<long> Operations = Meter.CreateCounter<long>("bleepstore_s3_operations_total");

    /// <summary>Object and bucket count changes, for the gauges (seeded from the store at start).</summary>
    public static readonly UpDownCounter<long> Objects = Meter.CreateUpDownCounter<long>("bleepstore_objects_total");

    public static readonly UpDownCounter<long> Buckets = Meter.CreateUpDownCounter<long>("bleepstore_buckets_total");
}
