using System.Globalization;
using BenchmarkDotNet.Attributes;
using BleepStore.Application.Listing;
using BleepStore.Benchmarks.Tools;
using BleepStore.Domain.Objects;
using BleepStore.Infrastructure.Metadata.Sqlite;

namespace BleepStore.Benchmarks.Suites;

/// <summary>
/// Metadata lookups on a bucket of 1,000,000 keys (SQLite, WAL): one object by key, and a 1000-key
/// page (store only, and through the ListingEngine as ListObjectsV2 uses it). The database is built
/// once into $TMPDIR/bleepstore-bench/ (one transaction, one prepared insert) and reused.
/// </summary>
[MemoryDiagnoser]
public class MetadataBenchmarks
{
    private const int Keys = 1_000_000;
    private const string Prefix = "s3load/ks-4KiB/";
    private SqliteMetadataStore _store = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var dir = Path.Combine(Path.GetTempPath(), "bleepstore-bench");
        var db = Path.Combine(dir, "metadata-1m.db");
        var ready = db + ".ready";
        if (File.Exists(ready) && !Opens(db))
        {
            File.Delete(ready);
        }

        if (!File.Exists(ready))
        {
            Directory.CreateDirectory(dir);
            foreach (var f in Directory.GetFiles(dir, "metadata-1m.db*"))
            {
                File.Delete(f);
            }

            ListDbSeeder.Seed(db, "bench", Keys, Prefix, "bleepstore");
            File.WriteAllText(ready, "");
        }

        _store = new SqliteMetadataStore(db);
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark(Baseline = true)]
    public Task<ObjectRecord?> GetObject() => _store.GetObjectAsync("bench", Key(NextIndex()), CancellationToken.None);

    [Benchmark]
    public Task<IReadOnlyList<ObjectRecord>> ListObjectsPage1000() =>
        _store.ListObjectsAsync("bench", Prefix, Key(NextIndex() % (Keys - 2000)), inclusive: false, limit: 1001, CancellationToken.None);

    [Benchmark]
    public Task<ListingPage> ListingEnginePage1000() =>
        ListingEngine.ListAsync(_store, "bench", Prefix, null, Key(NextIndex() % (Keys - 2000)), 1000, CancellationToken.None);

    /// <summary>False when a cached file no longer matches the schema the store reads (rebuilt then).</summary>
    private static bool Opens(string db)
    {
        try
        {
            using var store = new SqliteMetadataStore(db);
            return store.GetObjectAsync("bench", Key(0), CancellationToken.None).GetAwaiter().GetResult() is not null;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return false;
        }
    }

    private static string Key(int i) => Prefix + i.ToString("D8", CultureInfo.InvariantCulture);

    // A stride through the key space, so pages do not all come from one hot spot of the page cache.
    private int NextIndex() => _next = (_next + 7919) % Keys;
}
