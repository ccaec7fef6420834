using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using BleepStore.Benchmarks.Support;

namespace BleepStore.Benchmarks.Tools;

/// <summary>
/// Times 1000-entry ListObjectVersions pages against a live server at concurrency 1 (s3load has no versions op),
/// signed with <see cref="BenchSigner"/> over one HttpClient connection; the time is from sending the request to the
/// last byte of the body. Each iteration runs four requests in turn, so a change in the machine's load hits all:
/// <c>first</c> (first page of the prefix), <c>marker</c> (key-marker = a random key PREFIX + 8-digit index below
/// <c>--keys</c> - max-keys, so the page is full), <c>next</c> (the page after that one, resumed at its NextKeyMarker + NextVersionIdMarker, as a
/// client pages) and <c>v2</c> (ListObjectsV2 first page of the same prefix: the reference at the same load).
/// Every answer must be 200 with a full page (max-keys entries, or IsTruncated false); otherwise it counts as an
/// error and the exit status is 1. Prints one JSON document: per kind n, p50/p90/p99/max/mean ms, entries per page.
/// <code>time-list-versions --endpoint URL --bucket B --keys K [--prefix s3load/ks-4KiB/] [--requests 200] [--warmup 20]
///   [--max-keys 1000] [--access-key bleepstore] [--secret-key bleepstore-secret]</code>
/// </summary>
internal static class ListVersionsTiming
{
    private static readonly string[] Kinds = ["first", "marker", "next", "v2"];

    public static int Run(string[] argv)
    {
        var args = new ToolArgs(argv);
        var endpoint = new Uri(args.Get("endpoint").TrimEnd('/') + "/");
        var bucket = args.Get("bucket");
        var prefix = args.Get("prefix", "s3load/ks-4KiB/");
        var keys = args.GetInt("keys", 0);
        var requests = args.GetInt("requests", 200);
        var warmup = args.GetInt("warmup", 20);
        var maxKeys = args.GetInt("max-keys", 1000);
        var accessKey = args.Get("access-key", BenchSigner.AccessKey);
        var secret = args.Get("secret-key", BenchSigner.Secret);
        if (keys <= 0)
        {
            throw new ArgumentException("--keys (the number of keys under the prefix) is required");
        }

        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AllowAutoRedirect = false,
            UseCookies = false,
        }) { Timeout = TimeSpan.FromSeconds(60) };
        var host = endpoint.IsDefaultPort ? endpoint.Host : $"{endpoint.Host}:{endpoint.Port}";
        var rng = new Random(14);
        var samples = Kinds.ToDictionary(k => k, _ => new List<double>());
        var entries = Kinds.ToDictionary(k => k, _ => 0L);
        var errors = 0;
        string? firstError = null;

        (double Ms, Page Page) Send(params (string Name, string Value)[] query)
        {
            var canonicalQuery = string.Join('&', query
                .Select(q => BenchSigner.UriEncode(q.Name) + "=" + BenchSigner.UriEncode(q.Value))
                .Order(StringComparer.Ordinal));
            var path = "/" + BenchSigner.UriEncode(bucket);
            var amzDate = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, path.TrimStart('/') + "?" + canonicalQuery)) { Version = HttpVersion.Version11 };
            request.Headers.TryAddWithoutValidation("x-amz-date", amzDate);
            request.Headers.TryAddWithoutValidation("x-amz-content-sha256", BenchSigner.EmptySha256);
            request.Headers.TryAddWithoutValidation("Authorization", BenchSigner.Authorization("GET", path, canonicalQuery, host, amzDate, accessKey, secret));
            var t0 = Stopwatch.GetTimestamp();
            using var response = http.Send(request, HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(response.Content.ReadAsStream());
            var body = reader.ReadToEnd();
            var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            return (ms, Page.Parse((int)response.StatusCode, body));
        }

        void Record(string kind, (double Ms, Page Page) r, bool timed)
        {
            var ok = r.Page.Status == 200 && (r.Page.Entries == maxKeys || (!r.Page.Truncated && r.Page.Entries > 0));
            if (!ok)
            {
                errors++;
                firstError ??= $"{kind}: HTTP {r.Page.Status}, {r.Page.Entries} entries, truncated {r.Page.Truncated}: {r.Page.Error}";
            }

            if (timed)
            {
                samples[kind].Add(r.Ms);
                entries[kind] += r.Page.Entries;
            }
        }

        var maxKeysText = maxKeys.ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < warmup + requests; i++)
        {
            var timed = i >= warmup;
            Record("first", Send(("versions", ""), ("max-keys", maxKeysText), ("prefix", prefix)), timed);
            var marker = prefix + rng.Next(Math.Max(1, keys - maxKeys)).ToString("D8", CultureInfo.InvariantCulture);
            var page = Send(("versions", ""), ("max-keys", maxKeysText), ("prefix", prefix), ("key-marker", marker));
            Record("marker", page, timed);
            if (page.Page is { Truncated: true, NextKeyMarker: { } nextKey, NextVersionIdMarker: { } nextVersion })
            {
                Record("next", Send(("versions", ""), ("max-keys", maxKeysText), ("prefix", prefix), ("key-marker", nextKey), ("version-id-marker", nextVersion)), timed);
            }

            Record("v2", Send(("list-type", "2"), ("max-keys", maxKeysText), ("prefix", prefix)), timed);
        }

        var result = new Dictionary<string, object?>
        {
            ["Requests"] = requests,
            ["MaxKeys"] = maxKeys,
            ["Errors"] = errors,
            ["FirstError"] = firstError,
        };
        foreach (var kind in Kinds)
        {
            var s = samples[kind];
            s.Sort();
            result[kind] = s.Count == 0 ? null : new Dictionary<string, double>
            {
                ["N"] = s.Count,
                ["P50"] = Percentile(s, 50),
                ["P90"] = Percentile(s, 90),
                ["P99"] = Percentile(s, 99),
                ["Max"] = s[^1],
                ["Mean"] = s.Average(),
                ["EntriesPerPage"] = (double)entries[kind] / s.Count,
            };
        }

        Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
        return errors == 0 ? 0 : 1;
    }

    /// <summary>Nearest-rank percentile of sorted samples.</summary>
    private static double Percentile(List<double> sorted, int p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private sealed record Page(int Status, int Entries, bool Truncated, string? NextKeyMarker, string? NextVersionIdMarker, string? Error)
    {
        public static Page Parse(int status, string xml)
        {
            var entries = Count(xml, "<Version>") + Count(xml, "<DeleteMarker>") + Count(xml, "<Contents>");
            var truncated = xml.Contains("<IsTruncated>true</IsTruncated>", StringComparison.Ordinal);
            var nextKey = Between(xml, "<NextKeyMarker>", "</NextKeyMarker>");
            return new Page(
                status, entries, truncated, nextKey is null ? null : WebUtility.HtmlDecode(nextKey),
                Between(xml, "<NextVersionIdMarker>", "</NextVersionIdMarker>"),
                status == 200 ? null : Between(xml, "<Code>", "</Code>") ?? xml[..Math.Min(xml.Length, 200)]);
        }

        private static int Count(string s, string tag)
        {
            int n = 0, i = 0;
            while ((i = s.IndexOf(tag, i, StringComparison.Ordinal)) >= 0)
            {
                n++;
                i += tag.Length;
            }

            return n;
        }

        private static string? Between(string s, string a, string b)
        {
            var i = s.IndexOf(a, StringComparison.Ordinal);
            if (i < 0)
            {
                return null;
            }

            i += a.Length;
            var j = s.IndexOf(b, i, StringComparison.Ordinal);
            return j < 0 ? null : s[i..j];
        }
    }
}
