using System.Text;
using BleepStore.Application.Abstractions;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Tagging;
using BleepStore.Infrastructure.Configuration;
using BleepStore.Infrastructure.Metadata.Postgres;
using BleepStore.Infrastructure.Metadata.Sqlite;
using BleepStore.Infrastructure.Metadata.Transfer;
using BleepStore.Infrastructure.Tests.TestSupport;
using static BleepStore.Infrastructure.Tests.TestSupport.Records;

namespace BleepStore.Infrastructure.Tests.Metadata.Transfer;

/// <summary>
/// meta export/import with PostgreSQL (issue 13): how an embedded SQLite store moves into a cluster's database. Real
/// SQLite files and a real PostgreSQL (one database per test).
/// </summary>
public sealed class PostgresTransferTests : IDisposable
{
    private static readonly DateTimeOffset When = new(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly List<string> _databases = [];

    public void Dispose()
    {
        foreach (var database in _databases)
        {
            PostgresServer.Shared.DropDatabase(database);
        }

        _dir.Dispose();
    }

    private static CancellationToken Ct => CancellationToken.None;

    private string Db(string name) => Path.Combine(_dir.Path, name + ".db");

    private PostgresOptions NewDatabase()
    {
        var name = PostgresServer.Shared.CreateDatabase();
        _databases.Add(name);
        return new PostgresOptions { ConnectionString = PostgresServer.Shared.ConnectionString(name) + ";Pooling=false" };
    }

    /// <summary>Every table and column kind: tags, unicode keys and metadata, inline bytes, checksums, versions and a delete marker, object lock, uploads and parts, credentials.</summary>
    private async Task<string> PopulatedSqliteAsync()
    {
        var path = Db("src");
        using var store = new SqliteMetadataStore(path);
        await store.TryCreateBucketAsync(Bucket("b1") with { Tags = [new Tag("team", "ü")] }, Ct);
        await store.TryCreateBucketAsync(Bucket("b0", Bob), Ct);
        await store.PutObjectAsync(Object("b1", "z/last") with { InlineData = [1, 2, 3], BlobId = "" }, WriteCondition.None, Ct);
        await store.PutObjectAsync(Object("b1", "emoji-🙂/ключ \"q\"") with
        {
            UserMetadata = new Dictionary<string, string> { ["x-amz-meta-b"] = "2", ["x-amz-meta-a"] = "日本" },
            Checksums = [new ChecksumValue(ChecksumAlgorithm.Crc32, "AAAAAA==")],
            Tags = [new Tag("k", "v")],
        }, WriteCondition.None, Ct);
        // Byte order, not a locale's: "B" < "a" < "é".
        foreach (var key in new[] { "a", "B", "é", "a/b", "nul\u0000x", "soh\u0001\u0002" })
        {
            await store.PutObjectAsync(Object("b0", key), WriteCondition.None, Ct);
        }

        await store.TryCreateBucketAsync(Bucket("vb"), Ct);
        await store.SetBucketVersioningAsync("vb", "Enabled", Ct);
        await store.PutObjectAsync(Object("vb", "k") with { BlobId = "blob-1" }, WriteCondition.None, Ct);
        await store.PutObjectAsync(Object("vb", "k") with { BlobId = "blob-2", Tags = [new Tag("t", "2")] }, WriteCondition.None, Ct);
        await store.DeleteCurrentAsync("vb", "k", Alice, When, Ct);
        await store.TryCreateBucketAsync(Bucket("lb") with { Versioning = "Enabled", ObjectLock = new ObjectLockConfiguration(new DefaultRetention(ObjectLockMode.Governance, 5, null)) }, Ct);
        await store.PutObjectAsync(Object("lb", "k") with { BlobId = "blob-3", Retention = new ObjectRetention(ObjectLockMode.Compliance, When.AddYears(1)), LegalHold = true }, WriteCondition.None, Ct);
        await store.CreateUploadAsync(Upload("b1", "mp", "u1"), Ct);
        await store.PutPartAsync(Part("u1", 2), Ct);
        await store.PutPartAsync(Part("u1", 1), Ct);
        await store.UpsertCredentialAsync(Credential("AKID") with { Description = "note" }, Ct);
        await store.UpsertCredentialAsync(Credential("AAA", "other", active: false), Ct);
        return path;
    }

    private static string Export(string sqlitePath, ExportOptions? options = null)
    {
        using var output = new MemoryStream();
        MetadataExport.Run(sqlitePath, output, options ?? new ExportOptions { IncludeCredentials = true }, When);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static string Export(PostgresOptions postgres, ExportOptions? options = null)
    {
        using var output = new MemoryStream();
        MetadataExport.RunPostgres(postgres, output, options ?? new ExportOptions { IncludeCredentials = true }, When);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static ImportResult Import(PostgresOptions postgres, string export, bool replace = false) =>
        MetadataImport.RunPostgres(postgres, new MemoryStream(Encoding.UTF8.GetBytes(export)), new ImportOptions { Replace = replace });

    [Fact]
    public async Task SqliteToPostgres_AndBack_ExportsAreByteIdentical_AndTheStoreServesTheRows()
    {
        var fromSqlite = Export(await PopulatedSqliteAsync());
        var postgres = NewDatabase();

        var result = Import(postgres, fromSqlite);
        var fromPostgres = Export(postgres);

        Assert.Empty(result.Warnings);
        Assert.Equal(fromSqlite, fromPostgres);
        Assert.Contains($"\"schema_version\": {SqliteSchema.Version}", fromPostgres, StringComparison.Ordinal);
        Assert.Equal(result.Read, result.Inserted);
        Assert.Equal(3, result.Inserted["object_versions"]);

        // And back: a SQLite file imported from PostgreSQL's export exports the same bytes again.
        MetadataImport.Run(Db("back"), new MemoryStream(Encoding.UTF8.GetBytes(fromPostgres)), new ImportOptions());
        Assert.Equal(fromSqlite, Export(Db("back")));

        // The PostgreSQL store reads what was imported, and goes on from it.
        using var store = new PostgresMetadataStore(postgres);
        Assert.Equal(["b0", "b1", "lb", "vb"], (await store.ListBucketsAsync(null, Ct)).Select(b => b.Name));
        Assert.Equal([1, 2, 3], (await store.GetObjectAsync("b1", "z/last", Ct))!.InlineData);
        Assert.NotNull(await store.GetObjectAsync("b0", "nul\u0000x", Ct));
        Assert.Equal(["B", "a", "a/b", "nul\u0000x", "soh\u0001\u0002", "é"], (await store.ListObjectsAsync("b0", "", null, false, 10, Ct)).Select(o => o.Key));
        Assert.Equal("日本", (await store.GetObjectAsync("b1", "emoji-🙂/ключ \"q\"", Ct))!.UserMetadata["x-amz-meta-a"]);
        Assert.True((await store.GetObjectAsync("lb", "k", Ct))!.LegalHold);
        Assert.Equal(3, (await store.ListObjectVersionsAsync("vb", "", null, false, null, 10, Ct)).Count);
        Assert.Equal(2, (await store.ListPartsAsync("u1", 0, 10, Ct)).Count);
        Assert.Equal("note", (await store.GetCredentialAsync("AKID", Ct))!.Description);
        var v3 = (await store.PutObjectAsync(Object("vb", "k") with { BlobId = "blob-4" }, WriteCondition.None, Ct)).VersionId;
        Assert.Equal(v3, (await store.ListObjectVersionsAsync("vb", "", null, false, null, 10, Ct))[0].Record.VersionId);
    }

    [Fact]
    public async Task Merge_KeepsExistingRows_Replace_MakesEachImportedTableTheExports()
    {
        var text = Export(await PopulatedSqliteAsync(), new ExportOptions { IncludeCredentials = true, Tables = ExportTable.Parse("buckets,objects") });
        var postgres = NewDatabase();
        using (var target = new PostgresMetadataStore(postgres))
        {
            await target.TryCreateBucketAsync(Bucket("old"), Ct);
            await target.TryCreateBucketAsync(Bucket("b1") with { Region = "eu-west-1" }, Ct);
            await target.PutObjectAsync(Object("b1", "z/last") with { Size = 99 }, WriteCondition.None, Ct);
            await target.UpsertCredentialAsync(Credential("KEEP"), Ct);
        }

        var merged = Import(postgres, text);
        Assert.Equal((4L, 3L), (merged.Read["buckets"], merged.Inserted["buckets"]));
        Assert.Equal(merged.Read["objects"] - 1, merged.Inserted["objects"]);
        using (var store = new PostgresMetadataStore(postgres))
        {
            Assert.Equal(["b0", "b1", "lb", "old", "vb"], (await store.ListBucketsAsync(null, Ct)).Select(b => b.Name));
            Assert.Equal("eu-west-1", (await store.GetBucketAsync("b1", Ct))!.Region);
            Assert.Equal(99, (await store.GetObjectAsync("b1", "z/last", Ct))!.Size);
        }

        var replaced = Import(postgres, text, replace: true);
        Assert.Empty(replaced.Warnings);
        Assert.Equal(replaced.Read, replaced.Inserted);
        using var after = new PostgresMetadataStore(postgres);
        Assert.Equal(["b0", "b1", "lb", "vb"], (await after.ListBucketsAsync(null, Ct)).Select(b => b.Name));
        Assert.Equal("us-east-1", (await after.GetBucketAsync("b1", Ct))!.Region);
        Assert.Equal(3, (await after.GetObjectAsync("b1", "z/last", Ct))!.Size);
        Assert.NotNull(await after.GetCredentialAsync("KEEP", Ct)); // credentials were not in the export: untouched
    }

    [Fact]
    public async Task Replace_ThatWouldCascadeIntoATableNotImported_ChangesNothing()
    {
        var text = Export(await PopulatedSqliteAsync(), new ExportOptions { Tables = ExportTable.Parse("buckets") });
        var postgres = NewDatabase();
        using (var target = new PostgresMetadataStore(postgres))
        {
            await target.TryCreateBucketAsync(Bucket("gone"), Ct);
            await target.PutObjectAsync(Object("gone", "k"), WriteCondition.None, Ct);
        }

        var e = Assert.Throws<InvalidDataException>(() => Import(postgres, text, replace: true));

        Assert.Contains("objects", e.Message, StringComparison.Ordinal);
        using var store = new PostgresMetadataStore(postgres);
        Assert.Equal(["gone"], (await store.ListBucketsAsync(null, Ct)).Select(b => b.Name));
        Assert.NotNull(await store.GetObjectAsync("gone", "k", Ct));
    }

    [Fact]
    public async Task Orphans_SkippedWithWarnings_RedactedCredentialsToo()
    {
        var text = Export(await PopulatedSqliteAsync(), new ExportOptions { Tables = ExportTable.Parse("objects,multipart_parts,credentials") });
        var postgres = NewDatabase();

        var result = Import(postgres, text);

        Assert.Contains(result.Warnings, w => w.StartsWith($"objects: skipped {result.Read["objects"]} orphan", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.StartsWith("multipart_parts: skipped 2 orphan", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("REDACTED", StringComparison.Ordinal));
        Assert.Equal(0, result.Inserted["objects"]);
        using var store = new PostgresMetadataStore(postgres);
        Assert.Equal(0, (await store.CountAsync(Ct)).Objects);
        Assert.Empty(await store.ListCredentialsAsync(Ct));
    }

    [Fact]
    public void Malformed_Refused_NothingChanges()
    {
        var postgres = NewDatabase();
        Import(postgres, "{\"bleepstore_export\": {\"version\": 1}, \"buckets\": [{\"name\": \"keep\", \"owner_id\": \"o\", \"created_at\": \"t\"}]}");

        Assert.Throws<InvalidDataException>(() => Import(postgres, "{\"bleepstore_export\": {\"version\": 1}, \"buckets\": [{\"name\": \"x\", \"owner_id\": \"o\", \"created_at\": \"t\"}, 7]}", replace: true));
        Assert.Throws<InvalidDataException>(() => Import(postgres, "{\"bleepstore_export\": {\"version\": 1}, \"objects\": [{\"bucket\": \"keep\", \"key\": \"k\", \"size\": \"big\"}]}"));

        Assert.Contains("\"name\": \"keep\"", Export(postgres), StringComparison.Ordinal);
        Assert.DoesNotContain("\"name\": \"x\"", Export(postgres), StringComparison.Ordinal);
    }
}
