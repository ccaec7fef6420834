using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.S3.Model;
using BleepStore.Api.Tests.Support;

namespace BleepStore.Api.Tests.Observability;

/// <summary>docs/grafana-dashboard.json asks only for series and labels a real scrape has.</summary>
public sealed partial class GrafanaDashboardTests
{
    [Fact]
    public async Task EveryMetricAndGroupingLabelOfTheDashboard_IsInARealScrape()
    {
        var expressions = Expressions(Path.Combine(AppContext.BaseDirectory, "docs", "grafana-dashboard.json"));
        Assert.True(expressions.Count >= 10, "the dashboard has its panels");

        using var factory = new BleepStoreFactory(new Dictionary<string, string> { ["observability.runtime_metrics"] = "true" }, null);
        using (var s3 = factory.CreateS3Client())
        {
            await s3.PutBucketAsync("dash");
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = "dash", Key = "big", ContentBody = new string('x', 70_000) });
            await Assert.ThrowsAnyAsync<Amazon.S3.AmazonS3Exception>(() => s3.GetObjectAsync("dash", "missing"));
            GC.Collect();
        }

        var scrape = await factory.CreateClient().GetStringAsync("/metrics");
        foreach (var expression in expressions)
        {
            foreach (Match name in MetricName().Matches(expression))
            {
                Assert.Contains($"\n{name.Value}{{", "\n" + scrape, StringComparison.Ordinal);
            }

            foreach (Match by in GroupBy().Matches(expression))
            {
                foreach (var label in by.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries).Where(l => l != "le"))
                {
                    Assert.Contains($"{label}=\"", scrape, StringComparison.Ordinal);
                }
            }
        }
    }

    private static List<string> Expressions(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)
            .ToList();
    }

    [GeneratedRegex("\\b(?:bleepstore|dotnet|process)_[a-z0-9_]+")]
    private static partial Regex MetricName();

    [GeneratedRegex("by \\(([^)]*)\\)")]
    private static partial Regex GroupBy();
}
