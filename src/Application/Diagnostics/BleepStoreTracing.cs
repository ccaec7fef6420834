using System.Diagnostics;

namespace BleepStore.Application.Diagnostics;

/// <summary>
/// The Application's spans: one per S3 operation (the metrics behavior starts it) with child spans for
/// metadata and storage calls. <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null
/// when nothing listens, so with tracing off no span is allocated.
/// </summary>
public static class BleepStoreTracing
{
    public const string SourceName = "BleepStore";

    public static readonly ActivitySource Source = new(SourceName, "1.0.0");
}
