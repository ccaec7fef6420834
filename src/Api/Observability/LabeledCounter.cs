using System.Collections.Concurrent;

namespace BleepStore.Api.Observability;

/// <summary>A Prometheus counter with up to three label values, keyed by the value tuple.</summary>
internal sealed class LabeledCounter(string name, string help, params string[] labelNames)
{
    private readonly ConcurrentDictionary<(string, string, string), long[]> _cells = new();

    public string Name { get; } = name;

    public void Add(long value, string a = "", string b = "", string c = "")
    {
        var cell = _cells.GetOrAdd((a, b, c), static _ => new long[1]);
        Interlocked.Add(ref cell[0], value);
    }

    public long Get(string a = "", string b = "", string c = "") => _cells.TryGetValue((a, b, c), out var cell) ? Interlocked.Read(ref cell[0]) : 0;

    public void WriteTo(PrometheusTextWriter writer)
    {
        writer.Header(Name, help, "counter");
        if (labelNames.Length == 0)
        {
            writer.Sample(Name, [], [], Get());
            return;
        }

        foreach (var ((a, b, c), cell) in _cells.OrderBy(p => p.Key))
        {
            writer.Sample(Name, labelNames, [a, b, c], Interlocked.Read(ref cell[0]));
        }
    }
}
