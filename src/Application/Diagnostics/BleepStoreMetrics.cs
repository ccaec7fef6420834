using System.Diagnostics.Metrics;

namespace BleepStore.Application.Diagnostics;

/// <summary>
/// The Application's instruments, on the BCL's System.Diagnostics.Metrics so any exporter (the Api's
/// Prometheus endpoint through the OpenTelemetry SDK, OTLP) can listen without the use cases knowing about it.
/// One instance per container, with its own meter: two BleepStores in one process (tests, embedders) do not
/// count each other's operations as long as their meter names differ (<see cref="ForInstance"/>). With no
/// listener an instrument records nothing and costs a flag test.
/// </summary>
public sealed class BleepStoreMetrics : IDisposable
{
    public const string DefaultMeterName = "BleepStore";

    private static int _instances;

    public BleepStoreMetrics(string meterName = DefaultMeterName)
    {
        Meter = new Meter(meterName, "1.0.0");
        Operations = Meter.CreateCounter<long>("bleepstore_s3_operations_total", description: "S3 operations by name and outcome.");
        StorageDuration = Meter.CreateHistogram(
            "bleepstore_storage_operation_duration_seconds",
            unit: null,
            description: "Time in the storage backend per call (write and concatenate include reading the body; open_read is time to open).",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBounds });
        MetadataDuration = Meter.CreateHistogram(
            "bleepstore_metadata_operation_duration_seconds",
            unit: null,
            description: "Time in the metadata store per call (one transaction each).",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBounds });
    }

    /// <summary>Histogram bounds of every duration (spec 70): 5 ms … 10 s.</summary>
    public static IReadOnlyList<double> DurationBounds { get; } = [.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10];

    /// <summary>Histogram bounds of every body size (spec 70): 256 B … 64 MiB.</summary>
    public static IReadOnlyList<long> SizeBounds { get; } = [256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

    public Meter Meter { get; }

    /// <summary>bleepstore_s3_operations_total{operation, status=success|error}.</summary>
    public Counter<long> Operations { get; }

    /// <summary>bleepstore_storage_operation_duration_seconds{backend, operation}: time spent in the storage port.</summary>
    public Histogram<double> StorageDuration { get; }

    /// <summary>bleepstore_metadata_operation_duration_seconds{engine, operation}: time spent in the metadata port.</summary>
    public Histogram<double> MetadataDuration { get; }

    /// <summary>
    /// A meter-name suffix unique in this process: empty for the first server, <c>#2</c>, <c>#3</c>… after it, so each
    /// server's exporter listens to its own meters only.
    /// </summary>
    public static string ForInstance()
    {
        var n = Interlocked.Increment(ref _instances);
        return n == 1 ? string.Empty : "#" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => Meter.Dispose();
}
