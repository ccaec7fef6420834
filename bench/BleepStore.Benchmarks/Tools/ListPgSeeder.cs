using System.Diagnostics;
using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Infrastructure.Configuration;
using BleepStore.Infrastructure.Metadata.Postgres;
using Npgsql;

namespace BleepStore.Benchmarks.Tools;

/// <summary>
/// The PostgreSQL twin of <see cref="ListDbSeeder"/>: the same N object rows (keys PREFIX + 8-digit number, 4 KiB
/// each, no blob) in a bucket of a PostgreSQL metadata database, by one INSERT … SELECT over generate_series, then
/// ANALYZE; the schema is brought to this build's version first.
/// <code>seed-list-pg --connection "Host=…;Port=…;Username=…;Database=…" --bucket NAME [--count 1000000] [--prefix s3load/ks-4KiB/] [--owner bleepstore]</code>
/// </summary>
internal static class ListPgSeeder
{
    public static int Run(string[] argv)
    {
        var args = new ToolArgs(argv);
        var sw = Stopwatch.StartNew();
        var n = Seed(args.Get("connection"), args.Get("bucket"), args.GetInt("count", 1_000_000), args.Get("prefix", "s3load/ks-4KiB/"), args.Get("owner", "bleepstore"));
        Console.WriteLine($"seeded {n} keys in {sw.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    public static int Seed(string connectionString, string bucket, int count, string prefix, string ownerId)
    {
        using (var store = new PostgresMetadataStore(new PostgresOptions { ConnectionString = connectionString }))
        {
            var owner = new Owner(ownerId, ownerId);
            store.TryCreateBucketAsync(new Bucket(bucket, "us-east-1", owner, AccessControlList.Private(owner), DateTimeOffset.UtcNow), CancellationToken.None)
                .GetAwaiter().GetResult();
        }

        using var c = new NpgsqlConnection(connectionString);
        c.Open();
        using var insert = new NpgsqlCommand(
            "INSERT INTO objects (bucket, key, size, etag, content_type, storage_class, acl, user_metadata, last_modified, blob_id, checksums) " +
            "SELECT @bucket, @prefix || lpad(i::text, 8, '0'), 4096, '\"0123456789abcdef0123456789abcdef\"', 'application/octet-stream', 'STANDARD', " +
            "(SELECT acl FROM buckets WHERE name = @bucket), '{}', @modified, 'seed-' || i, '[]' FROM generate_series(0, @count - 1) AS i " +
            "ON CONFLICT (bucket, key) DO NOTHING",
            c) { CommandTimeout = 0 };
        insert.Parameters.AddWithValue("bucket", bucket);
        insert.Parameters.AddWithValue("prefix", prefix);
        insert.Parameters.AddWithValue("count", count);
        insert.Parameters.AddWithValue("modified", DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        insert.ExecuteNonQuery();
        using var analyze = new NpgsqlCommand("ANALYZE objects", c) { CommandTimeout = 0 };
        analyze.ExecuteNonQuery();
        return count;
    }
}
