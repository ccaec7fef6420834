using System.Collections.Concurrent;

namespace BleepStore.Api.Observability;

/// <summary>A Prometheus histogram with fixed buckets and two label values.</summary>
internal sealed class LabeledHistogram(string name, string help, double[] bounds, params string[] labelNames)
{
    private readonly ConcurrentDictionary<(string, string), Cell> _cells = new();

    public string Name { get; } = name;

    public void Observe(double value, string a, string b)
    {
        var cell = _cells.GetOrAdd((a, b), _ => new Cell(bounds.Length));
        lock (cell)
        {
            for (var i = 0; i < bounds.Length; i++)
            {
                if (value <= bounds[i])
                {
                    cell.Buckets[i]++;
                    break;
                }
            }

            cell.Count++;
            cell.Sum += value;
        }
    }

    public void WriteTo(PrometheusTextWriter writer)
    {
        writer.Header(Name, help, "histogram");
        foreach (var ((a, b), cell) in _cells.OrderBy(p => p.Key))
        {
            long[] buckets;
            long count;
            double sum;
            lock (cell)
            {
                buckets = (long[])cell.Buckets.Clone();
                count = cell.Count;
                sum = cell.Sum;
            }

            long cumulative = 0;
            for (var i = 0; i < bounds.Length; i++)
            {
                cumulative += buckets[i];
                writer.Sample(Name + "_bucket", [labelNames[0], labelNames[1], "le"], [a, b, PrometheusTextWriter.Format(bounds[i])], cumulative);
            }

            writer.Sample(Name + "_bucket", [labelNames[0], labelNames[1], "le"], [a, b, "+Inf"], count);
            writer.Sample(Name + "_sum", labelNames, [a, b], sum);
            writer.Sample(Name + "_count", labelNames, [a, b], count);
        }
    }

    private sealed class Cell(int buckets)
    {
        public long[] Buckets { get; } = new long[buckets];

        public long Count { get; set; }

        public double Sum { get; set; }
    }
}
