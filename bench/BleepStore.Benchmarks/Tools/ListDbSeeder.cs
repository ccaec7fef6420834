using System.Diagnostics;
using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Infrastructure.Metadata.Sqlite;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BleepStore.Benchmarks.Tools;

/// <summary>
/// Fills a bucket of a BleepStore SQLite metadata file with N object rows (keys PREFIX + 8-digit
/// number, 4 KiB each, no blob) in one transaction with one prepared insert: ~1M rows in seconds.
/// The bucket is created (owned by <c>--owner</c>) when missing; an existing bucket keeps its owner and ACL.
/// <code>seed-list-db --db FILE --bucket NAME [--count 1000000] [--prefix s3load/ks-4KiB/] [--owner bleepstore]</code>
/// </summary>
internal static class ListDbSeeder
{
    public static int Run(string[] argv)
    {
        var args = new ToolArgs(argv);
        var sw = Stopwatch.StartNew();
        var n = Seed(args.Get("db"), args.Get("bucket"), args.GetInt("count", 1_000_000), args.Get("prefix", "s3load/ks-4KiB/"), args.Get("owner", "bleepstore"));
        Console.WriteLine($"seeded {n} keys in {sw.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    public static int Seed(string db, string bucket, int count, string prefix, string ownerId)
    {
        using (var store = new SqliteMetadataStore(db))
        {
            var owner = new Owner(ownerId, ownerId);
            store.TryCreateBucketAsync(new Bucket(bucket, "us-east-1", owner, AccessControlList.Private(owner), DateTimeOffset.UtcNow), CancellationToken.None)
                .GetAwaiter().GetResult();
        }

        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        c.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA foreign_keys=ON;");
        var acl = c.QuerySingle<string>("SELECT acl FROM buckets WHERE name = @bucket", new { bucket });
        using var tx = c.BeginTransaction();
        using var insert = c.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText =
            "INSERT OR REPLACE INTO objects (bucket, key, size, etag, content_type, storage_class, acl, user_metadata, last_modified, blob_id, checksums) " +
            "VALUES ($bucket, $key, 4096, '\"0123456789abcdef0123456789abcdef\"', 'application/octet-stream', 'STANDARD', $acl, '{}', $modified, $blob, '[]')";
        var pKey = insert.Parameters.Add("$key", SqliteType.Text);
        var pBlob = insert.Parameters.Add("$blob", SqliteType.Text);
        insert.Parameters.AddWithValue("$bucket", bucket);
        insert.Parameters.AddWithValue("$acl", acl);
        insert.Parameters.AddWithValue("$modified", DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        insert.Prepare();
        for (var i = 0; i < count; i++)
        {
            pKey.Value = prefix + i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
            pBlob.Value = "seed-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            insert.ExecuteNonQuery();
        }

        tx.Commit();
        c.Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        return count;
    }
}
