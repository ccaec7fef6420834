using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Objects;
using BleepStore.Infrastructure.Metadata.Sqlite;
using Microsoft.Data.Sqlite;

namespace BleepStore.Benchmarks.Tools;

/// <summary>
/// Fills a versioning-Enabled bucket of a BleepStore SQLite metadata file with N versions, laid out exactly as the
/// store writes them (decision 0014): keys PREFIX + 8-digit number, each with <c>--versions</c> entries of sequence
/// 0..V-1 (oldest first, as successive PUTs get them), random version ids of the store's format and increasing
/// last-modified times (one second apart). The newest entry of a key is its <c>objects</c> row (version_id, seq), the older ones are
/// noncurrent rows in <c>object_versions</c>; every <c>--marker-every</c>-th key was deleted last, so its newest entry
/// is a delete marker in <c>object_versions</c> (the columns DeleteObject writes) and it has no <c>objects</c> row.
/// Bodies are <c>--size</c> bytes kept inline in the row (as the server keeps objects up to 64 KiB), the text
/// "KEY vSEQ " repeated, with their MD5 ETag, so any version can be read back and checked through the server.
/// One transaction, one prepared insert per table: ~1M versions in seconds.
/// <code>seed-versions-db --db FILE --bucket NAME [--count 1000000] [--versions 4] [--marker-every 10] [--size 64]
///   [--prefix s3load/ks-4KiB/] [--owner bleepstore]</code>
/// <c>--count</c> is the number of versions (markers included); keys = count / versions.
/// </summary>
internal static class VersionsDbSeeder
{
    public static int Run(string[] argv)
    {
        var args = new ToolArgs(argv);
        var sw = Stopwatch.StartNew();
        var versions = args.GetInt("versions", 4);
        var keys = args.GetInt("count", 1_000_000) / versions;
        var (rows, markers) = Seed(
            args.Get("db"), args.Get("bucket"), keys, versions, args.GetInt("marker-every", 10), args.GetInt("size", 64),
            args.Get("prefix", "s3load/ks-4KiB/"), args.Get("owner", "bleepstore"));
        Console.WriteLine($"seeded {rows} versions ({markers} delete markers) of {keys} keys x {versions} in {sw.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    /// <summary>The body of version <paramref name="seq"/> of <paramref name="key"/>: "KEY vSEQ " repeated to <paramref name="size"/> bytes.</summary>
    public static byte[] Body(string key, int seq, int size)
    {
        var unit = Encoding.ASCII.GetBytes($"{key} v{seq.ToString(CultureInfo.InvariantCulture)} ");
        var body = new byte[size];
        for (var i = 0; i < size; i += unit.Length)
        {
            unit.AsSpan(0, Math.Min(unit.Length, size - i)).CopyTo(body.AsSpan(i));
        }

        return body;
    }

    public static (long Rows, long Markers) Seed(string db, string bucket, int keys, int versions, int markerEvery, int size, string prefix, string ownerId)
    {
        if (versions < 1 || size < 0 || size > 64 * 1024)
        {
            throw new ArgumentException("--versions must be >= 1 and --size 0..65536 (inline bodies)");
        }

        var owner = new Owner(ownerId, ownerId);
        using (var store = new SqliteMetadataStore(db))
        {
            store.TryCreateBucketAsync(new Bucket(bucket, "us-east-1", owner, AccessControlList.Private(owner), DateTimeOffset.UtcNow), CancellationToken.None)
                .GetAwaiter().GetResult();
            if (!store.SetBucketVersioningAsync(bucket, VersionIds.Enabled, CancellationToken.None).GetAwaiter().GetResult())
            {
                throw new InvalidOperationException($"bucket {bucket} not found");
            }
        }

        // What PutObject and DeleteObject write for a private object of the owner.
        var acl = MetadataJson.WriteAcl(AccessControlList.Private(owner));
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using (var pragma = c.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA foreign_keys=ON;";
            pragma.ExecuteNonQuery();
        }

        using var tx = c.BeginTransaction();
        const string Columns = "bucket, key, seq, version_id, delete_marker, size, etag, content_type, storage_class, acl, user_metadata, last_modified, blob_id, checksums, parts_count, inline_data";
        const string Values = "$bucket, $key, $seq, $version_id, $marker, $size, $etag, 'application/octet-stream', 'STANDARD', $acl, '{}', $modified, '', '[]', 0, $data";
        using var current = Prepare(c, tx, $"INSERT INTO objects ({Columns}) VALUES ({Values})", bucket, acl);
        using var noncurrent = Prepare(c, tx, $"INSERT INTO object_versions ({Columns}) VALUES ({Values})", bucket, acl);
        using var marker = Prepare(
            c, tx,
            "INSERT INTO object_versions (bucket, key, seq, version_id, delete_marker, size, etag, acl, last_modified, blob_id) " +
            "VALUES ($bucket, $key, $seq, $version_id, 1, 0, '', $acl, $modified, '')",
            bucket, acl);

        // Entry seq of key k was written at start + (k * versions + seq) s: newer is later, a second apart, all in the past.
        var start = DateTimeOffset.UtcNow.AddSeconds(-((long)keys * versions)).AddDays(-1);
        long rows = 0, markers = 0;
        for (var k = 0; k < keys; k++)
        {
            var key = prefix + k.ToString("D8", CultureInfo.InvariantCulture);
            var deleted = markerEvery > 0 && k % markerEvery == markerEvery - 1;
            for (var seq = 0; seq < versions; seq++)
            {
                var modified = Timestamps.ToText(start.AddSeconds(((long)k * versions) + seq));
                var newest = seq == versions - 1;
                if (newest && deleted)
                {
                    Bind(marker, key, seq, modified).ExecuteNonQuery();
                    markers++;
                }
                else
                {
                    var body = Body(key, seq, size);
                    var command = newest ? current : noncurrent;
                    Bind(command, key, seq, modified);
                    command.Parameters["$marker"].Value = 0L;
                    command.Parameters["$size"].Value = (long)size;
                    command.Parameters["$etag"].Value = ETag.FromMd5(MD5.HashData(body));
                    command.Parameters["$data"].Value = body;
                    command.ExecuteNonQuery();
                }

                rows++;
            }
        }

        tx.Commit();
        using (var checkpoint = c.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }

        return (rows, markers);
    }

    private static SqliteCommand Prepare(SqliteConnection c, SqliteTransaction tx, string sql, string bucket, string acl)
    {
        var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$bucket", bucket);
        command.Parameters.AddWithValue("$acl", acl);
        command.Parameters.Add("$key", SqliteType.Text);
        command.Parameters.Add("$seq", SqliteType.Integer);
        command.Parameters.Add("$version_id", SqliteType.Text);
        command.Parameters.Add("$modified", SqliteType.Text);
        if (sql.Contains("$data", StringComparison.Ordinal))
        {
            command.Parameters.Add("$marker", SqliteType.Integer);
            command.Parameters.Add("$size", SqliteType.Integer);
            command.Parameters.Add("$etag", SqliteType.Text);
            command.Parameters.Add("$data", SqliteType.Blob);
        }

        command.Prepare();
        return command;
    }

    private static SqliteCommand Bind(SqliteCommand command, string key, int seq, string modified)
    {
        command.Parameters["$key"].Value = key;
        command.Parameters["$seq"].Value = (long)seq;
        command.Parameters["$version_id"].Value = VersionIds.New();
        command.Parameters["$modified"].Value = modified;
        return command;
    }
}
