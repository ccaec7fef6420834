using Microsoft.Data.Sqlite;

namespace BleepStore.Infrastructure.Metadata.Sqlite;

/// <summary>
/// The schema: <see cref="Create"/> is version 1 (spec 60, plus the columns this model needs: blob ids,
/// checksums, part counts, upload checksum settings; the key_claims table of decision 0010), idempotent, run at
/// every start; then each
/// <see cref="Migrations"/> step above the file's recorded version runs once, in the start-up
/// transaction, and records its version (docs/decisions/0011-schema-migrations.md).
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The version this build writes: the last step of <see cref="Migrations"/>.</summary>
    public const int Version = 10;

    /// <summary>
    /// Versioned steps, in order. A step is never edited once released: a change is a new step. Each
    /// runs inside the start-up transaction with its schema_version row, so a crash leaves either the
    /// old version or the new one, never half a step.
    /// </summary>
    public static readonly (int Version, string Sql)[] Migrations =
    [
        // 2: tag sets of objects, buckets and uploads (JSON; NULL = none, so untagged rows cost nothing).
        (2, """
            ALTER TABLE objects ADD COLUMN tags TEXT;
            ALTER TABLE buckets ADD COLUMN tags TEXT;
            ALTER TABLE multipart_uploads ADD COLUMN tags TEXT;
            """),

        // 3: the operator's note on a credential (admin API; NULL = none).
        (3, """
            ALTER TABLE credentials ADD COLUMN description TEXT;
            """),

        // 4: a bucket's CORS rules (JSON, in the order sent; NULL = no configuration, docs/cors.md).
        (4, """
            ALTER TABLE buckets ADD COLUMN cors TEXT;
            """),

        // 5: a bucket's ObjectOwnership (bucket ownership controls; NULL = none, decision 13).
        (5, """
            ALTER TABLE buckets ADD COLUMN object_ownership TEXT;
            """),

        // 6: versioning (decision 0014). objects stays the table of current rows; every existing row is its null
        // version (version_id NULL, seq 0) without a rewrite. Noncurrent versions and delete markers go to
        // object_versions, read newest first per key through idx_versions_order.
        (6, """
            ALTER TABLE buckets ADD COLUMN versioning TEXT;
            ALTER TABLE objects ADD COLUMN version_id TEXT;
            ALTER TABLE objects ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
            CREATE TABLE object_versions (
                bucket              TEXT NOT NULL REFERENCES buckets(name) ON DELETE CASCADE,
                key                 TEXT NOT NULL,
                seq                 INTEGER NOT NULL,
                version_id          TEXT,
                delete_marker       INTEGER NOT NULL DEFAULT 0,
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
                blob_id             TEXT NOT NULL,
                checksums           TEXT,
                parts_count         INTEGER NOT NULL DEFAULT 0,
                part_sizes          TEXT,
                tags                TEXT,
                inline_data         BLOB
            );
            CREATE UNIQUE INDEX idx_versions_order ON object_versions(bucket, key, seq DESC);
            CREATE INDEX idx_versions_id ON object_versions(bucket, key, version_id);
            """),

        // 7: object lock (docs/object-lock.md). A bucket's configuration (JSON; NULL = object lock not enabled), and a
        // version's or an upload's retention and legal hold (JSON; NULL = neither, so unlocked rows cost nothing).
        (7, """
            ALTER TABLE buckets ADD COLUMN object_lock TEXT;
            ALTER TABLE objects ADD COLUMN object_lock TEXT;
            ALTER TABLE object_versions ADD COLUMN object_lock TEXT;
            ALTER TABLE multipart_uploads ADD COLUMN object_lock TEXT;
            """),

        // 8: finished multipart uploads, so a retried CompleteMultipartUpload answers as the first did (CompletedUpload):
        // written in the completing transaction, bounded there by age (completed_at) and count (seq).
        (8, """
            CREATE TABLE completed_uploads (
                seq          INTEGER PRIMARY KEY,
                upload_id    TEXT NOT NULL UNIQUE,
                bucket       TEXT NOT NULL REFERENCES buckets(name) ON DELETE CASCADE,
                key          TEXT NOT NULL,
                parts        TEXT NOT NULL,
                etag         TEXT NOT NULL,
                version_id   TEXT,
                completed_at TEXT NOT NULL
            );
            CREATE INDEX idx_completed_uploads_at ON completed_uploads(completed_at);
            """),

        // 9: a bucket's lifecycle rules (JSON, in the order sent; NULL = no configuration, docs/lifecycle.md).
        (9, """
            ALTER TABLE buckets ADD COLUMN lifecycle TEXT;
            """),

        // 10: the checksum of each part of a multipart object (JSON list, as checksums; NULL = none kept: single PUTs,
        // uploads without a checksum algorithm, and every object completed before this step).
        (10, """
            ALTER TABLE objects ADD COLUMN part_checksums TEXT;
            ALTER TABLE object_versions ADD COLUMN part_checksums TEXT;
            """),
    ];

    /// <summary>Brings the file to <see cref="Version"/> inside <paramref name="tx"/>; returns the version it found.</summary>
    public static int Migrate(SqliteConnection connection, SqliteTransaction tx, string now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        var found = (int)(long)command.ExecuteScalar()!;
        if (found > Version)
        {
            throw new InvalidOperationException(
                $"The metadata database has schema version {found}; this build knows versions up to {Version}. Use a newer build.");
        }

        foreach (var (version, sql) in Migrations)
        {
            if (version <= found)
            {
                continue;
            }

            command.CommandText = sql;
            command.ExecuteNonQuery();
            command.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES (@version, @now)";
            command.Parameters.Clear();
            command.Parameters.AddWithValue("@version", version);
            command.Parameters.AddWithValue("@now", now);
            command.ExecuteNonQuery();
            command.Parameters.Clear();
        }

        return found;
    }

    public const string Create = """
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

        CREATE TABLE IF NOT EXISTS key_claims (
            bucket     TEXT NOT NULL,
            key        TEXT NOT NULL,
            token      TEXT NOT NULL,
            claimed_at TEXT NOT NULL,
            PRIMARY KEY (bucket, key)
        );

        INSERT OR IGNORE INTO schema_version (version, applied_at) VALUES (1, @now);
        """;
}
