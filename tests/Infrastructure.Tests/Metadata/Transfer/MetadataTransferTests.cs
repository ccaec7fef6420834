using System.Text;
using System.Text.Json;
using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Tagging;
using BleepStore.Infrastructure.Metadata.Sqlite;
using BleepStore.Infrastructure.Metadata.Transfer;
using BleepStore.Infrastructure.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;
using static BleepStore.Infrastructure.Tests.TestSupport.Records;

namespace BleepStore.Infrastructure.Tests.Metadata.Transfer;

/// <summary>meta export/import (spec 60) on real SQLite files.</summary>
public sealed class MetadataTransferTests : IDisposable
{
    private static readonly DateTimeOffset When = new(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();

    private string Db(string name) => Path.Combine(_dir.Path, name + ".db");

    public void Dispose() => _dir.Dispose();

    private static CancellationToken Ct => CancellationToken.None;

    private async Task<string> PopulatedAsync(string name)
    {
        var path = Db(name);
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
        await store.PutObjectAsync(Object("b0", "a"), WriteCondition.None, Ct);
        await store.CreateUploadAsync(Upload("b1", "mp", "u1"), Ct);
        await store.PutPartAsync(Part("u1", 2), Ct);
        await store.PutPartAsync(Part("u1", 1), Ct);
        await store.UpsertCredentialAsync(Credential("AKID") with { Description = "note" }, Ct);
        await store.UpsertCredentialAsync(Credential("AAA", "other", active: false), Ct);
        return path;
    }

    private static string Export(string db, ExportOptions? options = null)
    {
        using var output = new MemoryStream();
        MetadataExport.Run(db, output, options ?? new ExportOptions { IncludeCredentials = true }, When);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static ImportResult Import(string db, string export, bool replace = false) =>
        MetadataImport.Run(db, new MemoryStream(Encoding.UTF8.GetBytes(export)), new ImportOptions { Replace = replace });

    [Fact]
    public async Task Export_Format_SortedKeysIndentedUnescapedRowsInKeyOrder()
    {
        var text = Export(await PopulatedAsync("src"));
        var root = JsonDocument.Parse(text).RootElement;

        Assert.StartsWith("{\n  \"bleepstore_export\": {\n    \"exported_at\": \"2026-12-02T00:00:00.000Z\",\n", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.Equal(["bleepstore_export", "buckets", "credentials", "multipart_parts", "multipart_uploads", "object_versions", "objects"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal((1, SqliteSchema.Version), (root.GetProperty("bleepstore_export").GetProperty("version").GetInt32(), root.GetProperty("bleepstore_export").GetProperty("schema_version").GetInt32()));
        Assert.Contains("emoji-🙂/ключ \\\"q\\\"", text, StringComparison.Ordinal);
        Assert.Contains("\"x-amz-meta-a\": \"日本\"", text, StringComparison.Ordinal);
        Assert.Equal(["b0", "b1"], root.GetProperty("buckets").EnumerateArray().Select(b => b.GetProperty("name").GetString()));
        Assert.Equal(["AAA", "AKID"], root.GetProperty("credentials").EnumerateArray().Select(b => b.GetProperty("access_key_id").GetString()));
        Assert.Equal([1, 2], root.GetProperty("multipart_parts").EnumerateArray().Select(b => b.GetProperty("part_number").GetInt32()));
        var objects = root.GetProperty("objects").EnumerateArray().ToList();
        Assert.Equal(["a", "emoji-🙂/ключ \"q\"", "z/last"], objects.Select(o => o.GetProperty("key").GetString()));
        foreach (var row in root.GetProperty("objects").EnumerateArray().Concat(root.GetProperty("buckets").EnumerateArray()))
        {
            var names = row.EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), names);
        }

        Assert.Equal(JsonValueKind.Object, objects[1].GetProperty("acl").ValueKind);
        Assert.Equal(["x-amz-meta-a", "x-amz-meta-b"], objects[1].GetProperty("user_metadata").EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.False, objects[1].GetProperty("delete_marker").ValueKind);
        Assert.Equal(JsonValueKind.Null, objects[1].GetProperty("content_encoding").ValueKind);
        Assert.Equal("AQID", objects[2].GetProperty("inline_data").GetString());
        Assert.Equal(JsonValueKind.False, root.GetProperty("credentials")[0].GetProperty("active").ValueKind);
    }

    [Fact]
    public async Task RoundTrip_ExportImportExport_ByteIdentical_AndTheStoreReadsTheRows()
    {
        var first = Export(await PopulatedAsync("src"));
        Assert.Equal(first, Export(Db("src")));

        var result = Import(Db("copy"), first);
        Assert.Empty(result.Warnings);
        Assert.Equal(3, result.Inserted["objects"]);

        Assert.Equal(first, Export(Db("copy")));
        using var copy = new SqliteMetadataStore(Db("copy"));
        var obj = await copy.GetObjectAsync("b1", "emoji-🙂/ключ \"q\"", Ct);
        Assert.Equal("日本", obj!.UserMetadata["x-amz-meta-a"]);
        Assert.Equal([new Tag("k", "v")], obj.Tags);
        Assert.Equal([1, 2, 3], (await copy.GetObjectAsync("b1", "z/last", Ct))!.InlineData);
        Assert.Equal(("secret", "note"), ((await copy.GetCredentialAsync("AKID", Ct))!.SecretKey, (await copy.GetCredentialAsync("AKID", Ct))!.Description));
        Assert.Equal(2, (await copy.ListPartsAsync("u1", 0, 10, Ct)).Count);
    }

    [Fact]
    public async Task RoundTrip_VersionedBucket_KeepsStatusVersionsAndMarkers()
    {
        var path = Db("versioned");
        string v1, v2;
        VersionDelete marker;
        using (var store = new SqliteMetadataStore(path))
        {
            await store.TryCreateBucketAsync(Bucket("vb"), Ct);
            await store.SetBucketVersioningAsync("vb", "Enabled", Ct);
            v1 = (await store.PutObjectAsync(Object("vb", "k") with { BlobId = "blob-1" }, WriteCondition.None, Ct)).VersionId!;
            v2 = (await store.PutObjectAsync(Object("vb", "k") with { BlobId = "blob-2", Tags = [new Tag("t", "2")] }, WriteCondition.None, Ct)).VersionId!;
            marker = await store.DeleteCurrentAsync("vb", "k", Alice, When, Ct);
        }

        var first = Export(path);
        var result = Import(Db("versioned-copy"), first);

        Assert.Empty(result.Warnings);
        Assert.Equal(3, result.Inserted["object_versions"]);
        Assert.Equal(first, Export(Db("versioned-copy")));
        using var copy = new SqliteMetadataStore(Db("versioned-copy"));
        Assert.Equal("Enabled", (await copy.GetBucketAsync("vb", Ct))!.Versioning);
        var listed = await copy.ListObjectVersionsAsync("vb", "", null, false, null, 10, Ct);
        Assert.Equal([(marker.VersionId, true, true), (v2, false, false), (v1, false, false)], listed.Select(v => (v.Record.VersionId, v.IsLatest, v.Record.IsDeleteMarker)));
        Assert.Equal([new Tag("t", "2")], (await copy.GetObjectVersionAsync("vb", "k", v2, Ct))!.Tags);

        // The imported store goes on versioning: a new version sorts above the imported ones.
        var v3 = (await copy.PutObjectAsync(Object("vb", "k") with { BlobId = "blob-3" }, WriteCondition.None, Ct)).VersionId;
        Assert.Equal(v3, (await copy.ListObjectVersionsAsync("vb", "", null, false, null, 10, Ct))[0].Record.VersionId);
    }

    [Fact]
    public async Task RoundTrip_ObjectLockBucket_KeepsConfigurationRetentionAndLegalHold()
    {
        var path = Db("locked");
        var rule = new ObjectLockConfiguration(new DefaultRetention(ObjectLockMode.Governance, 5, null));
        var compliance = new ObjectRetention(ObjectLockMode.Compliance, When.AddYears(1));
        string v1;
        using (var store = new SqliteMetadataStore(path))
        {
            await store.TryCreateBucketAsync(Bucket("lb") with { Versioning = "Enabled", ObjectLock = rule }, Ct);
            v1 = (await store.PutObjectAsync(Object("lb", "k") with { BlobId = "blob-1", Retention = compliance }, WriteCondition.None, Ct)).VersionId!;
            await store.PutObjectAsync(Object("lb", "k") with { BlobId = "blob-2", LegalHold = true }, WriteCondition.None, Ct);
            await store.CreateUploadAsync(Upload("lb", "big", "u1") with { LegalHold = false }, Ct);
        }

        var first = Export(path);
        Assert.Contains("\"retainUntil\": \"2027-12-02T00:00:00.000Z\"", first, StringComparison.Ordinal);
        var result = Import(Db("locked-copy"), first);

        Assert.Empty(result.Warnings);
        Assert.Equal(first, Export(Db("locked-copy")));
        using var copy = new SqliteMetadataStore(Db("locked-copy"));
        Assert.Equal(rule, (await copy.GetBucketAsync("lb", Ct))!.ObjectLock);
        Assert.Equal(compliance, (await copy.GetObjectVersionAsync("lb", "k", v1, Ct))!.Retention);
        Assert.True((await copy.GetObjectAsync("lb", "k", Ct))!.LegalHold);
        Assert.False((await copy.GetUploadAsync("u1", Ct))!.LegalHold);

        // Still locked after the import: the store refuses to delete either version.
        var guard = new ObjectLockGuard(When, BypassGovernance: true);
        Assert.Equal(ObjectLockVerdict.Compliance, (await copy.DeleteVersionAsync("lb", "k", v1, guard, Ct)).Locked);
        Assert.Equal(ObjectLockVerdict.LegalHold, (await copy.DeleteVersionAsync("lb", "k", (await copy.GetObjectAsync("lb", "k", Ct))!.VersionId!, guard, Ct)).Locked);
    }

    [Fact]
    public async Task Redacted_ByDefault_ImportSkipsThoseCredentialsWithAWarning()
    {
        var text = Export(await PopulatedAsync("src"), new ExportOptions());
        Assert.DoesNotContain("\"secret\"", text, StringComparison.Ordinal);
        Assert.Contains("\"secret_key\": \"REDACTED\"", text, StringComparison.Ordinal);

        var result = Import(Db("copy"), text);

        Assert.Contains(result.Warnings, w => w.Contains("REDACTED", StringComparison.Ordinal));
        using var copy = new SqliteMetadataStore(Db("copy"));
        Assert.Empty(await copy.ListCredentialsAsync(Ct));
        Assert.Equal(3, (await copy.CountAsync(Ct)).Objects);
    }

    [Fact]
    public async Task Merge_KeepsExistingRows_Replace_EmptiesPresentTables()
    {
        var text = Export(await PopulatedAsync("src"), new ExportOptions { IncludeCredentials = true, Tables = ExportTable.Parse("buckets,objects") });
        using (var target = new SqliteMetadataStore(Db("target")))
        {
            await target.TryCreateBucketAsync(Bucket("old"), Ct);
            await target.TryCreateBucketAsync(Bucket("b1") with { Region = "eu-west-1" }, Ct);
            await target.UpsertCredentialAsync(Credential("KEEP"), Ct);
        }

        Import(Db("target"), text);
        using (var merged = new SqliteMetadataStore(Db("target")))
        {
            Assert.Equal(["b0", "b1", "old"], (await merged.ListBucketsAsync(null, Ct)).Select(b => b.Name));
            Assert.Equal("eu-west-1", (await merged.GetBucketAsync("b1", Ct))!.Region);
        }

        var replaced = Import(Db("target"), text, replace: true);
        Assert.Empty(replaced.Warnings);
        using var after = new SqliteMetadataStore(Db("target"));
        Assert.Equal(["b0", "b1"], (await after.ListBucketsAsync(null, Ct)).Select(b => b.Name));
        Assert.Equal("us-east-1", (await after.GetBucketAsync("b1", Ct))!.Region);
        Assert.NotNull(await after.GetCredentialAsync("KEEP", Ct)); // credentials were not in the export: untouched
    }

    [Fact]
    public async Task Orphans_SkippedWithWarnings()
    {
        var text = Export(await PopulatedAsync("src"), new ExportOptions { Tables = ExportTable.Parse("objects,multipart_parts") });

        var result = Import(Db("copy"), text);

        Assert.Contains(result.Warnings, w => w.StartsWith("objects: skipped 3 orphan", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.StartsWith("multipart_parts: skipped 2 orphan", StringComparison.Ordinal));
        using var copy = new SqliteMetadataStore(Db("copy"));
        Assert.Equal(0, (await copy.CountAsync(Ct)).Objects);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"buckets\": []}")]
    [InlineData("{\"bleepstore_export\": {\"version\": 2}, \"buckets\": []}")]
    [InlineData("{\"bleepstore_export\": {\"version\": 1}, \"buckets\": [{\"name\": \"x\"")]
    [InlineData("{\"bleepstore_export\": {\"version\": 1}, \"buckets\": [{\"name\": \"x\", \"owner_id\": \"o\", \"created_at\": \"t\"}, 7]}")]
    public async Task Malformed_Refused_NothingChanges(string text)
    {
        using (var target = new SqliteMetadataStore(Db("target")))
        {
            await target.TryCreateBucketAsync(Bucket("kept"), Ct);
        }

        Assert.Throws<InvalidDataException>(() => Import(Db("target"), text, replace: true));

        using var after = new SqliteMetadataStore(Db("target"));
        Assert.Equal(["kept"], (await after.ListBucketsAsync(null, Ct)).Select(b => b.Name));
    }

    /// <summary>The relational schema of spec 60 as the earlier implementations created it (no blob ids, checksums, tags…).</summary>
    private const string EarlierSchema = """
        CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);
        CREATE TABLE buckets (name TEXT PRIMARY KEY, region TEXT NOT NULL DEFAULT 'us-east-1', owner_id TEXT NOT NULL,
            owner_display TEXT NOT NULL DEFAULT '', acl TEXT NOT NULL DEFAULT '{}', created_at TEXT NOT NULL);
        CREATE TABLE objects (bucket TEXT NOT NULL REFERENCES buckets(name) ON DELETE CASCADE, key TEXT NOT NULL, size INTEGER NOT NULL,
            etag TEXT NOT NULL, content_type TEXT NOT NULL DEFAULT 'application/octet-stream', content_encoding TEXT, content_language TEXT,
            content_disposition TEXT, cache_control TEXT, expires TEXT, storage_class TEXT NOT NULL DEFAULT 'STANDARD',
            acl TEXT NOT NULL DEFAULT '{}', user_metadata TEXT NOT NULL DEFAULT '{}', last_modified TEXT NOT NULL,
            delete_marker INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (bucket, key));
        CREATE INDEX idx_objects_bucket ON objects(bucket);
        CREATE INDEX idx_objects_bucket_prefix ON objects(bucket, key);
        CREATE TABLE multipart_uploads (upload_id TEXT PRIMARY KEY, bucket TEXT NOT NULL REFERENCES buckets(name) ON DELETE CASCADE,
            key TEXT NOT NULL, content_type TEXT NOT NULL DEFAULT 'application/octet-stream', content_encoding TEXT, content_language TEXT,
            content_disposition TEXT, cache_control TEXT, expires TEXT, storage_class TEXT NOT NULL DEFAULT 'STANDARD',
            acl TEXT NOT NULL DEFAULT '{}', user_metadata TEXT NOT NULL DEFAULT '{}', owner_id TEXT NOT NULL,
            owner_display TEXT NOT NULL DEFAULT '', initiated_at TEXT NOT NULL);
        CREATE INDEX idx_uploads_bucket ON multipart_uploads(bucket);
        CREATE INDEX idx_uploads_bucket_key ON multipart_uploads(bucket, key);
        CREATE TABLE multipart_parts (upload_id TEXT NOT NULL REFERENCES multipart_uploads(upload_id) ON DELETE CASCADE,
            part_number INTEGER NOT NULL, size INTEGER NOT NULL, etag TEXT NOT NULL, last_modified TEXT NOT NULL,
            PRIMARY KEY (upload_id, part_number));
        CREATE TABLE credentials (access_key_id TEXT PRIMARY KEY, secret_key TEXT NOT NULL, owner_id TEXT NOT NULL,
            display_name TEXT NOT NULL DEFAULT '', active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL);
        INSERT INTO schema_version VALUES (1, '2026-02-01T00:00:00.000Z');
        INSERT INTO buckets VALUES ('legacy', 'us-east-1', 'bleepstore', 'bleepstore',
            '{"owner":{"id":"bleepstore","display_name":"bleepstore"},"grants":[{"grantee":{"type":"CanonicalUser","id":"bleepstore","display_name":"bleepstore"},"permission":"FULL_CONTROL"}]}',
            '2026-02-01T00:00:00.000Z');
        INSERT INTO objects (bucket, key, size, etag, user_metadata, last_modified, content_encoding)
            VALUES ('legacy', 'docs/readme.txt', 11, '"5eb63bbbe01eeed093cb22bb8f5acdc3"', '{"x-amz-meta-author":"John"}', '2026-02-01T00:00:01.000Z', 'gzip');
        INSERT INTO multipart_uploads (upload_id, bucket, key, owner_id, initiated_at) VALUES ('up-1', 'legacy', 'big.bin', 'bleepstore', '2026-02-01T00:00:02.000Z');
        INSERT INTO multipart_parts VALUES ('up-1', 1, 5242880, '"abc"', '2026-02-01T00:00:03.000Z');
        INSERT INTO credentials VALUES ('bleepstore', 'bleepstore-secret', 'bleepstore', 'bleepstore', 1, '2026-02-01T00:00:00.000Z');
        """;

    [Fact]
    public async Task EarlierImplementationsFile_ExportsAsItIs_AndImportsCleanly()
    {
        using (var old = new SqliteConnection($"Data Source={Db("earlier")};Pooling=False"))
        {
            old.Open();
            old.Execute(EarlierSchema);
        }

        var text = Export(Db("earlier"));
        var root = JsonDocument.Parse(text).RootElement;
        Assert.Equal(1, root.GetProperty("bleepstore_export").GetProperty("schema_version").GetInt32());
        Assert.False(root.GetProperty("objects")[0].TryGetProperty("blob_id", out _));

        var result = Import(Db("ours"), text);

        Assert.Equal((1L, 1L, 1L, 1L, 1L), (result.Inserted["buckets"], result.Inserted["objects"], result.Inserted["multipart_uploads"], result.Inserted["multipart_parts"], result.Inserted["credentials"]));
        Assert.All(result.Warnings, w => Assert.Contains("not in the export", w, StringComparison.Ordinal));
        using var store = new SqliteMetadataStore(Db("ours"));
        var obj = await store.GetObjectAsync("legacy", "docs/readme.txt", Ct);
        Assert.Equal(("\"5eb63bbbe01eeed093cb22bb8f5acdc3\"", 11L, "John", "gzip"), (obj!.ETag, obj.Size, obj.UserMetadata["x-amz-meta-author"], obj.Content.ContentEncoding));
        Assert.Equal(new Owner("bleepstore", "bleepstore"), (await store.GetBucketAsync("legacy", Ct))!.Acl.Owner);
        Assert.Equal("big.bin", (await store.GetUploadAsync("up-1", Ct))!.Key);
        Assert.Equal("bleepstore-secret", (await store.GetCredentialAsync("bleepstore", Ct))!.SecretKey);
        Assert.Single(await store.ListBucketsAsync(null, Ct));
    }
}
