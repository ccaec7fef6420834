using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Infrastructure.Metadata.Sqlite;
using Dapper;
using static BleepStore.Infrastructure.Tests.TestSupport.Records;

namespace BleepStore.Infrastructure.Tests.Metadata.Sqlite;

public sealed class SqliteMetadataStoreTests : MetadataStoreContract
{
    private SqliteMetadataStore Sqlite => (SqliteMetadataStore)Store;

    private string DbPath => Path.Combine(Directory.Path, "nested", "dir", "metadata.db");

    [Fact]
    public async Task Ctor_ReopenSameFile_KeepsDataAndSchemaVersion()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await Store.PutObjectAsync(Object("b1", "k"), WriteCondition.None, Ct);
        Sqlite.Dispose();

        using var reopened = new SqliteMetadataStore(DbPath);

        Assert.NotNull(await reopened.GetObjectAsync("b1", "k", Ct));
        using var lease = reopened.RentReaderForTests();
        Assert.Equal(Enumerable.Range(1, SqliteSchema.Version).Select(v => (long)v), lease.Connection.Query<long>("SELECT version FROM schema_version ORDER BY version"));
    }

    [Fact]
    public async Task Ctor_FileWithoutPartSizesColumn_AddsItAndReadsOldRows()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await Store.PutObjectAsync(Object("b1", "k"), WriteCondition.None, Ct);
        Sqlite.Dispose();
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            c.Open();
            c.Execute("ALTER TABLE objects DROP COLUMN part_sizes");
        }

        using var reopened = new SqliteMetadataStore(DbPath);

        Assert.NotNull(await reopened.GetObjectAsync("b1", "k", Ct));
        Assert.Single(await reopened.ListObjectsAsync("b1", "", null, false, 10, Ct));
    }

    [Fact]
    public async Task GetBucketAsync_ConcurrentReadersDuringAclChanges_AnAcknowledgedChangeIsAlwaysSeen()
    {
        await Store.TryCreateBucketAsync(Bucket("b1", Alice), Ct);
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Store.GetBucketAsync("b1", Ct);
            }
        })).ToArray();

        try
        {
            for (var i = 0; i < 200; i++)
            {
                var isPublic = i % 2 == 0;
                await Store.SetBucketAclAsync("b1", CannedAcl.Expand(isPublic ? "public-read" : "private", Alice), Ct);
                var seen = (await Store.GetBucketAsync("b1", Ct))!.Acl.Grants.Any(g => g.Grantee.Uri == Grantee.AllUsersUri);
                Assert.Equal(isPublic, seen);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(readers);
        }
    }

    [Fact]
    public async Task GetObjectAsync_ConcurrentReadersDuringOverwrites_AnAcknowledgedWriteIsAlwaysSeen()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await Store.PutObjectAsync(Object("b1", "k") with { BlobId = "", InlineData = [0] }, WriteCondition.None, Ct);
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Store.GetObjectAsync("b1", "k", Ct);
            }
        })).ToArray();

        try
        {
            for (var i = 1; i <= 200; i++)
            {
                var data = new[] { (byte)i };
                await Store.PutObjectAsync(Object("b1", "k") with { BlobId = "", InlineData = data }, WriteCondition.None, Ct);
                Assert.Equal(data, (await Store.GetObjectAsync("b1", "k", Ct))!.InlineData);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(readers);
        }
    }

    [Fact]
    public void ObjectCache_FillAfterAnInvalidationSinceTheRead_KeepsNothing()
    {
        var cache = new ObjectCache();
        var generation = cache.Generation("b1", "k");
        cache.Invalidate("b1", "k");

        cache.Fill(Object("b1", "k"), generation);
        Assert.False(cache.TryGet("b1", "k", out _));

        cache.Fill(Object("b1", "k"), cache.Generation("b1", "k"));
        Assert.True(cache.TryGet("b1", "k", out var kept));
        Assert.Equal("k", kept.Key);

        cache.Invalidate("b1", "k");
        Assert.False(cache.TryGet("b1", "k", out _));
    }

    [Fact]
    public void ObjectCache_PastItsBounds_StartsOver()
    {
        var byEntries = new ObjectCache(maxEntries: 2, maxBytes: long.MaxValue);
        foreach (var key in new[] { "a", "b" })
        {
            byEntries.Fill(Object("b1", key), byEntries.Generation("b1", key));
        }

        Assert.True(byEntries.TryGet("b1", "b", out _));
        byEntries.Fill(Object("b1", "c"), byEntries.Generation("b1", "c"));
        Assert.False(byEntries.TryGet("b1", "a", out _));
        Assert.False(byEntries.TryGet("b1", "c", out _));

        var byBytes = new ObjectCache(maxEntries: 100, maxBytes: 4096);
        byBytes.Fill(Object("b1", "small") with { InlineData = new byte[1000] }, byBytes.Generation("b1", "small"));
        Assert.True(byBytes.TryGet("b1", "small", out _));
        byBytes.Fill(Object("b1", "large") with { InlineData = new byte[4000] }, byBytes.Generation("b1", "large"));
        Assert.False(byBytes.TryGet("b1", "large", out _));
        Assert.False(byBytes.TryGet("b1", "small", out _));
    }

    [Fact]
    public async Task GetObjectAsync_TinyCache_StillReadsEveryRowCorrectly()
    {
        Sqlite.Dispose();
        using var store = new SqliteMetadataStore(DbPath, new ObjectCache(maxEntries: 3, maxBytes: long.MaxValue));
        await store.TryCreateBucketAsync(Bucket("b2"), Ct);
        for (var i = 0; i < 20; i++)
        {
            await store.PutObjectAsync(Object("b2", $"k{i}", size: i), WriteCondition.None, Ct);
        }

        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 20; i++)
            {
                Assert.Equal(i, (await store.GetObjectAsync("b2", $"k{i}", Ct))!.Size);
            }
        }
    }

    [Fact]
    public void BucketCache_FillAfterAnInvalidationSinceTheRead_KeepsNothing()
    {
        var cache = new BucketCache();
        var generation = cache.Generation;
        cache.Invalidate("b1");

        cache.Fill(Bucket("b1"), generation);
        Assert.False(cache.TryGet("b1", out _));

        cache.Fill(Bucket("b1"), cache.Generation);
        Assert.True(cache.TryGet("b1", out var kept));
        Assert.Equal("b1", kept.Name);
    }

    [Fact]
    public void Ctor_NewFile_UsesWalAndForeignKeys()
    {
        using var lease = Sqlite.RentReaderForTests();

        Assert.Equal("wal", lease.Connection.ExecuteScalar<string>("PRAGMA journal_mode"));
        Assert.Equal(1L, lease.Connection.ExecuteScalar<long>("PRAGMA foreign_keys"));
        Assert.True(File.Exists(DbPath));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void ListObjectsSql_AnyBounds_IsIndexRangeScanWithoutSort(bool lower, bool upper)
    {
        using var lease = Sqlite.RentReaderForTests();
        var sql = SqliteMetadataStore.ListObjectsSqlFor(lower, upper);

        // EXPLAIN QUERY PLAN rows are (id, parent, notused, detail).
        var plan = string.Join("\n", lease.Connection.Query<(long, long, long, string Detail)>(
            "EXPLAIN QUERY PLAN " + sql, new { bucket = "b", lower = "a", upper = "b", limit = 10 }).Select(r => r.Detail));

        Assert.Contains("SEARCH objects USING INDEX", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
        if (upper)
        {
            Assert.Contains("key>? AND key<?", plan, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PutObjectAsync_JsonColumns_SpecShapeCompactSortedKeys()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        var acl = new AccessControlList(Alice, [
            new Grant(Grantee.User(Alice.Id, Alice.DisplayName), Permission.FullControl),
            new Grant(Grantee.Group(Grantee.AllUsersUri), Permission.Read),
        ]);
        var metadata = new Dictionary<string, string> { ["x-amz-meta-zeta"] = "z", ["x-amz-meta-author"] = "John é" };
        await Store.PutObjectAsync(Object("b1", "k") with { Acl = acl, UserMetadata = metadata }, WriteCondition.None, Ct);

        using var lease = Sqlite.RentReaderForTests();
        var (aclJson, metaJson, modified) = lease.Connection.QuerySingle<(string, string, string)>("SELECT acl, user_metadata, last_modified FROM objects");

        Assert.Equal(
            "{\"grants\":[{\"grantee\":{\"display_name\":\"Alice\",\"id\":\"alice-key\",\"type\":\"CanonicalUser\"},\"permission\":\"FULL_CONTROL\"}," +
            "{\"grantee\":{\"type\":\"Group\",\"uri\":\"http://acs.amazonaws.com/groups/global/AllUsers\"},\"permission\":\"READ\"}]," +
            "\"owner\":{\"display_name\":\"Alice\",\"id\":\"alice-key\"}}",
            aclJson);
        Assert.Equal("{\"x-amz-meta-author\":\"John é\",\"x-amz-meta-zeta\":\"z\"}", metaJson);
        Assert.Equal("2026-01-02T03:04:05.678Z", modified);
    }

    [Fact]
    public async Task GetBucketAsync_ImportedEmptyAcl_FallsBackToOwnerColumns()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            c.Open();
            c.Execute("UPDATE buckets SET acl = '{}'");
        }

        var read = await Store.GetBucketAsync("b1", Ct);

        Assert.Equal(Alice, read!.Acl.Owner);
        Assert.Empty(read.Acl.Grants);
    }

    [Fact]
    public async Task ReadsAndWrites_Concurrent_AllSucceed()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await Store.PutObjectAsync(Object("b1", $"w{w}/{i:D3}"), WriteCondition.None, Ct);
            }
        }));
        var readers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await Store.ListObjectsAsync("b1", "w", null, false, 100, Ct);
            }
        }));

        await Task.WhenAll(writers.Concat(readers));

        Assert.Equal(400, (await Store.CountAsync(Ct)).Objects);
    }

    protected override IMetadataStore CreateStore(string directory) => new SqliteMetadataStore(Path.Combine(directory, "nested", "dir", "metadata.db"));
}
