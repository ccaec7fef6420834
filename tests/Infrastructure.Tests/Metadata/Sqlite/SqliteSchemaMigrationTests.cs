using BleepStore.Application.Abstractions;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Cors;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Tagging;
using BleepStore.Infrastructure.Metadata.Sqlite;
using BleepStore.Infrastructure.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BleepStore.Infrastructure.Tests.Metadata.Sqlite;

/// <summary>
/// The versioned schema steps (docs/decisions/0011-schema-migrations.md) on real files: a database written by
/// the version-1 build (its DDL verbatim, as released) upgrades in place and keeps every row.
/// </summary>
public sealed class SqliteSchemaMigrationTests : IDisposable
{
    /// <summary>The schema of the version-1 build, exactly as it created files (SqliteSchema.Create at 8599df8).</summary>
    private const string Version1Ddl = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version    INTEGER PRIMARY KEY,
            applied_at TEXT NOT NULL
        );

        CREATE TABLE IF NOT EXISTS buckets (
            name          TEXT PRIMARY KEY,
            region        TEXT NOT NULL DEFAULT 'us-east-1',
            owner_id      TEXT NOT NULL,
            owner_display TEXT NOT NULL DEFAULT '',
            acl           TEXT NOT NULL DEFAULT '{}',
            created_at    TEXT NOT NULL
        );

        CREATE TABLE IF NOT EXISTS objects (
            bucket              TEXT NOT NULL REFERENCES buckets(name) ON DELETE CASCADE,
            key                 TEXT NOT NULL,
            size                INTEGER NOT NULL,
            etag                TEXT NOT NULL,
            content_type        TEXT NOT NULL DEFAULT 'application/octet-stream',
            content_encoding    TEXT,
            content_language    TEXT,
            content_disposition TEXT,
            cache_control       TEXT,
            expires             TEXT,
            storage_class       TEXT NOT NULL DEFAULT 'STANDARD',
            acl                 TEXT NOT NULL DEFAULT '{}',
            user_metadata       TEXT NOT NULL DEFAULT '{}',
            last_modified       TEXT NOT NULL,
            delete_marker       INTEGER NOT NULL DEFAULT 0,
            blob_id             TEXT NOT NULL,
            checksums           TEXT NOT NULL DEFAULT '[]',
            parts_count         INTEGER NOT NULL DEFAULT 0,
            part_sizes          TEXT,
            inline_data         BLOB,
            PRIMARY KEY (bucket, key)
        );

        CREATE TABLE IF NOT EXISTS multipart_uploads (
            upload_id           TEXT PRIMARY KEY,
            bucket              TEXT NOT NULL REFERENCES buckets(name) ON DELETE CASCADE,
            key                 TEXT NOT NULL,
            content_type        TEXT NOT NULL DEFAULT 'application/octet-stream',
            content_encoding    TEXT,
            content_language    TEXT,
            content_disposition TEXT,
            cache_control       TEXT,
            expires             TEXT,
            storage_class       TEXT NOT NULL DEFAULT 'STANDARD',
            acl                 TEXT NOT NULL DEFAULT '{}',
            user_metadata       TEXT NOT NULL DEFAULT '{}',
            owner_id            TEXT NOT NULL,
            owner_display       TEXT NOT NULL DEFAULT '',
            initiated_at        TEXT NOT NULL,
            checksum_algorithm  TEXT,
            checksum_type       TEXT
        );
        CREATE INDEX IF NOT EXISTS idx_uploads_bucket ON multipart_uploads(bucket);
        CREATE INDEX IF NOT EXISTS idx_uploads_bucket_key ON multipart_uploads(bucket, key);
        CREATE INDEX IF NOT EXISTS idx_uploads_initiated ON multipart_uploads(initiated_at);

        CREATE TABLE IF NOT EXISTS multipart_parts (
            upload_id     TEXT NOT NULL REFERENCES multipart_uploads(upload_id) ON DELETE CASCADE,
            part_number   INTEGER NOT NULL,
            size          INTEGER NOT NULL,
            etag          TEXT NOT NULL,
            last_modified TEXT NOT NULL,
            blob_id       TEXT NOT NULL,
            checksums     TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (upload_id, part_number)
        );

        CREATE TABLE IF NOT EXISTS credentials (
            access_key_id TEXT PRIMARY KEY,
            secret_key    TEXT NOT NULL,
            owner_id      TEXT NOT NULL,
            display_name  TEXT NOT NULL DEFAULT '',
            active        INTEGER NOT NULL DEFAULT 1,
            created_at    TEXT NOT NULL
        );

        INSERT OR IGNORE INTO schema_version (version, applied_at) VALUES (1, '2026-01-01T00:00:00.000Z');
        """;

    private readonly TempDirectory _dir = new();

    private string DbPath => Path.Combine(_dir.Path, "metadata.db");

    private static CancellationToken Ct => CancellationToken.None;

    private static IEnumerable<long> AllVersions => Enumerable.Range(1, SqliteSchema.Version).Select(v => (long)v);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Open_Version1File_UpgradesToVersion2KeepingRowsAndTagsWork()
    {
        WriteVersion1File();

        using (var store = new SqliteMetadataStore(DbPath))
        {
            var obj = await store.GetObjectAsync("old-bucket", "old/key.txt", Ct);
            Assert.NotNull(obj);
            Assert.Equal(("\"abc\"", 5L), (obj.ETag, obj.Size));
            Assert.Empty(obj.Tags);
            Assert.Null((await store.GetBucketAsync("old-bucket", Ct))!.Tags);
            Assert.Empty((await store.GetUploadAsync("up-1", Ct))!.Tags);

            Assert.Equal("null", await store.SetObjectTagsAsync("old-bucket", "old/key.txt", [new Tag("k", "v")], Ct));
            Assert.True(await store.SetBucketTagsAsync("old-bucket", [new Tag("team", "x")], Ct));
        }

        using (var reopened = new SqliteMetadataStore(DbPath))
        {
            Assert.Equal([new Tag("k", "v")], (await reopened.GetObjectAsync("old-bucket", "old/key.txt", Ct))!.Tags);
            Assert.Equal([new Tag("team", "x")], (await reopened.GetBucketAsync("old-bucket", Ct))!.Tags);
        }

        using var c = Open();
        Assert.Equal(AllVersions, c.Query<long>("SELECT version FROM schema_version ORDER BY version"));
        Assert.Equal(1L, c.ExecuteScalar<long>("SELECT COUNT(*) FROM pragma_table_info('objects') WHERE name = 'tags'"));
    }

    [Fact]
    public async Task Open_Version1File_KeepsCredentialsWithoutDescription_AndDescriptionsPersist()
    {
        WriteVersion1File();
        using (var c = Open())
        {
            c.Execute("INSERT INTO credentials (access_key_id, secret_key, owner_id, display_name, active, created_at) VALUES ('old', 'old-secret', 'o', 'O', 0, '2026-01-01T00:00:00.000Z')");
        }

        using (var store = new SqliteMetadataStore(DbPath))
        {
            var old = await store.GetCredentialAsync("old", Ct);
            Assert.Equal(("old-secret", false, (string?)null), (old!.SecretKey, old.Active, old.Description));
            Assert.True(await store.TryCreateCredentialAsync(old with { AccessKeyId = "AKBSNEW", Description = "note" }, Ct));
        }

        using var reopened = new SqliteMetadataStore(DbPath);
        Assert.Equal("note", (await reopened.GetCredentialAsync("AKBSNEW", Ct))!.Description);
    }

    [Fact]
    public async Task Open_Version2File_UpgradesKeepingTagsAndCorsRulesRoundTrip()
    {
        WriteVersion1File();
        using (var c = Open())
        {
            // The file as the tagging build (schema version 2) left it, with a tagged bucket.
            c.Execute(SqliteSchema.Migrations.Single(m => m.Version == 2).Sql);
            c.Execute("INSERT INTO schema_version (version, applied_at) VALUES (2, '2026-06-01T00:00:00.000Z')");
            c.Execute("UPDATE buckets SET tags = '[{\"key\":\"team\",\"value\":\"x\"}]'");
        }

        CorsRule[] rules =
        [
            new("r1", ["GET", "PUT"], ["https://*.example"], ["x-amz-*"], ["ETag"], 300),
            new(null, ["GET"], ["*"], [], [], null),
        ];
        using (var store = new SqliteMetadataStore(DbPath))
        {
            var bucket = (await store.GetBucketAsync("old-bucket", Ct))!;
            Assert.Null(bucket.Cors);
            Assert.Equal([new Tag("team", "x")], bucket.Tags);
            Assert.True(await store.SetBucketCorsAsync("old-bucket", rules, Ct));
        }

        using (var reopened = new SqliteMetadataStore(DbPath))
        {
            var cors = (await reopened.GetBucketAsync("old-bucket", Ct))!.Cors!;
            Assert.Equal(2, cors.Count);
            Assert.Equal(("r1", 300, "https://*.example", "ETag"), (cors[0].Id, cors[0].MaxAgeSeconds, cors[0].AllowedOrigins.Single(), cors[0].ExposeHeaders.Single()));
            Assert.Equal(["GET", "PUT"], cors[0].AllowedMethods);
            Assert.Equal((null, (int?)null), (cors[1].Id, cors[1].MaxAgeSeconds));
            Assert.Empty(cors[1].AllowedHeaders);
        }

        using var after = Open();
        Assert.Equal(AllVersions, after.Query<long>("SELECT version FROM schema_version ORDER BY version"));
    }

    [Fact]
    public async Task Open_Version2File_EveryObjectBecomesItsNullVersionAndVersioningWorks()
    {
        WriteVersion1File();
        using (var c = Open())
        {
            // The file as the version-2 build left it: step 2 applied, tags on the object.
            c.Execute(SqliteSchema.Migrations.Single(m => m.Version == 2).Sql);
            c.Execute("INSERT INTO schema_version (version, applied_at) VALUES (2, '2026-02-01T00:00:00.000Z')");
            c.Execute("UPDATE objects SET tags = '[{\"key\":\"k\",\"value\":\"v\"}]'");
        }

        using (var store = new SqliteMetadataStore(DbPath))
        {
            var asNull = await store.GetObjectVersionAsync("old-bucket", "old/key.txt", "null", Ct);
            Assert.Equal(("\"abc\"", "blob-1", (string?)null), (asNull!.ETag, asNull.BlobId, asNull.VersionId));
            Assert.Equal([new Tag("k", "v")], asNull.Tags);
            Assert.Null((await store.GetBucketAsync("old-bucket", Ct))!.Versioning);
            var listed = await store.ListObjectVersionsAsync("old-bucket", "", null, false, null, 10, Ct);
            Assert.Equal([("old/key.txt", (string?)null, true)], listed.Select(v => (v.Record.Key, v.Record.VersionId, v.IsLatest)));

            // Versioning on the migrated file: the old object stays as the noncurrent null version.
            Assert.True(await store.SetBucketVersioningAsync("old-bucket", "Enabled", Ct));
            var write = await store.PutObjectAsync(Records.Object("old-bucket", "old/key.txt") with { BlobId = "blob-2" }, WriteCondition.None, Ct);
            Assert.Null(write.Replaced);
        }

        using (var reopened = new SqliteMetadataStore(DbPath))
        {
            Assert.Equal("Enabled", (await reopened.GetBucketAsync("old-bucket", Ct))!.Versioning);
            var listed = await reopened.ListObjectVersionsAsync("old-bucket", "", null, false, null, 10, Ct);
            Assert.Equal(["blob-2", "blob-1"], listed.Select(v => v.Record.BlobId));
            Assert.Equal("blob-1", (await reopened.GetObjectVersionAsync("old-bucket", "old/key.txt", "null", Ct))!.BlobId);
        }

        using var after = Open();
        Assert.Equal(AllVersions, after.Query<long>("SELECT version FROM schema_version ORDER BY version"));
    }

    [Fact]
    public async Task Open_Version6File_KeepsVersionsUnlockedAndObjectLockWorks()
    {
        WriteVersion1File();
        using (var c = Open())
        {
            // The file as the version-6 build left it: a versioned bucket with an object.
            foreach (var step in SqliteSchema.Migrations.Where(m => m.Version <= 6))
            {
                c.Execute(step.Sql);
                c.Execute("INSERT INTO schema_version (version, applied_at) VALUES (@v, '2026-02-01T00:00:00.000Z')", new { v = step.Version });
            }

            c.Execute("UPDATE buckets SET versioning = 'Enabled'");
            c.Execute("UPDATE objects SET version_id = 'v-six', seq = 1");
        }

        var until = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using (var store = new SqliteMetadataStore(DbPath))
        {
            var old = (await store.GetObjectVersionAsync("old-bucket", "old/key.txt", "v-six", Ct))!;
            Assert.Equal((null, (bool?)null), (old.Retention, old.LegalHold));
            Assert.Null((await store.GetBucketAsync("old-bucket", Ct))!.ObjectLock);
            Assert.Equal(BucketObjectLockOutcome.Done, await store.SetBucketObjectLockAsync("old-bucket", ObjectLockConfiguration.EnabledWithoutRule, Ct));
            var change = new ObjectLockChange(true, new ObjectRetention(ObjectLockMode.Compliance, until), null, new ObjectLockGuard(Records.T0, false));
            Assert.Equal(ObjectLockChangeOutcome.Done, (await store.SetObjectLockAsync("old-bucket", "old/key.txt", "v-six", change, Ct)).Outcome);
        }

        using (var reopened = new SqliteMetadataStore(DbPath))
        {
            Assert.Equal(ObjectLockConfiguration.EnabledWithoutRule, (await reopened.GetBucketAsync("old-bucket", Ct))!.ObjectLock);
            Assert.Equal(until, (await reopened.GetObjectAsync("old-bucket", "old/key.txt", Ct))!.Retention!.RetainUntil);
        }

        using var after = Open();
        Assert.Equal(AllVersions, after.Query<long>("SELECT version FROM schema_version ORDER BY version"));
    }

    [Fact]
    public async Task Open_Version7File_CompletionsAreRecordedAndSurviveReopening()
    {
        WriteVersion1File();
        using (var c = Open())
        {
            foreach (var step in SqliteSchema.Migrations.Where(m => m.Version <= 7))
            {
                c.Execute(step.Sql);
                c.Execute("INSERT INTO schema_version (version, applied_at) VALUES (@v, '2026-02-01T00:00:00.000Z')", new { v = step.Version });
            }
        }

        using (var store = new SqliteMetadataStore(DbPath))
        {
            await store.CreateUploadAsync(Records.Upload("old-bucket", "done", "u-eight"), Ct);
            await store.PutPartAsync(Records.Part("u-eight", 1), Ct);
            await store.CompleteUploadAsync("u-eight", Records.Object("old-bucket", "done"), WriteCondition.None, "digest", Ct);
        }

        using (var reopened = new SqliteMetadataStore(DbPath))
        {
            Assert.Equal("digest", (await reopened.GetCompletedUploadAsync("u-eight", Ct))!.Parts);
        }

        using var after = Open();
        Assert.Equal(AllVersions, after.Query<long>("SELECT version FROM schema_version ORDER BY version"));
    }

    [Fact]
    public async Task Open_Version9File_OldObjectsHaveNoPartChecksums_NewOnesKeepThem()
    {
        WriteVersion1File();
        using (var c = Open())
        {
            foreach (var step in SqliteSchema.Migrations.Where(m => m.Version <= 9))
            {
                c.Execute(step.Sql);
                c.Execute("INSERT INTO schema_version (version, applied_at) VALUES (@v, '2026-02-01T00:00:00.000Z')", new { v = step.Version });
            }
        }

        var checksums = new[] { new Domain.Checksums.ChecksumValue(Domain.Checksums.ChecksumAlgorithm.Crc32, "AAAAAQ==") };
        using (var store = new SqliteMetadataStore(DbPath))
        {
            Assert.Empty((await store.GetObjectAsync("old-bucket", "old/key.txt", Ct))!.PartChecksums);
            await store.PutObjectAsync(Records.Object("old-bucket", "new") with { PartsCount = 1, PartSizes = [3], PartChecksums = checksums }, WriteCondition.None, Ct);
        }

        using (var reopened = new SqliteMetadataStore(DbPath))
        {
            Assert.Equal(checksums, (await reopened.GetObjectAsync("old-bucket", "new", Ct))!.PartChecksums);
        }
    }

    [Fact]
    public void Open_Twice_AppliesEachStepOnce()
    {
        new SqliteMetadataStore(DbPath).Dispose();
        new SqliteMetadataStore(DbPath).Dispose();

        using var c = Open();
        Assert.Equal(AllVersions, c.Query<long>("SELECT version FROM schema_version ORDER BY version"));
        Assert.Equal(SqliteSchema.Version, SqliteSchema.Migrations[^1].Version);
    }

    [Fact]
    public void Open_StepFails_RollsBackWholeUpgradeAndFileStaysVersion1()
    {
        WriteVersion1File();
        using (var c = Open())
        {
            // A column of the step's name already there makes its ALTER fail halfway through the step.
            c.Execute("ALTER TABLE multipart_uploads ADD COLUMN tags TEXT");
        }

        Assert.ThrowsAny<SqliteException>(() => new SqliteMetadataStore(DbPath));

        using var after = Open();
        Assert.Equal([1L], after.Query<long>("SELECT version FROM schema_version"));
        Assert.Equal(0L, after.ExecuteScalar<long>("SELECT COUNT(*) FROM pragma_table_info('objects') WHERE name = 'tags'"));
        Assert.Equal(1L, after.ExecuteScalar<long>("SELECT COUNT(*) FROM objects"));
    }

    [Fact]
    public void Open_FileFromANewerBuild_RefusesAndChangesNothing()
    {
        new SqliteMetadataStore(DbPath).Dispose();
        using (var c = Open())
        {
            c.Execute("INSERT INTO schema_version (version, applied_at) VALUES (99, '2030-01-01T00:00:00.000Z')");
        }

        var e = Assert.Throws<InvalidOperationException>(() => new SqliteMetadataStore(DbPath));

        Assert.Contains("schema version 99", e.Message, StringComparison.Ordinal);
    }

    private SqliteConnection Open()
    {
        var c = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        c.Open();
        return c;
    }

    private void WriteVersion1File()
    {
        using var c = Open();
        c.Execute(Version1Ddl);
        c.Execute("INSERT INTO buckets (name, owner_id, created_at) VALUES ('old-bucket', 'alice', '2026-01-01T00:00:00.000Z')");
        c.Execute(
            "INSERT INTO objects (bucket, key, size, etag, last_modified, blob_id) " +
            "VALUES ('old-bucket', 'old/key.txt', 5, '\"abc\"', '2026-01-01T00:00:00.000Z', 'blob-1')");
        c.Execute(
            "INSERT INTO multipart_uploads (upload_id, bucket, key, owner_id, initiated_at) " +
            "VALUES ('up-1', 'old-bucket', 'big', 'alice', '2026-01-01T00:00:00.000Z')");
    }
}
