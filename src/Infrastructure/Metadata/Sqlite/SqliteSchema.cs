namespace BleepStore.Infrastructure.Metadata.Sqlite;

/// <summary>
/// Schema version 1 (spec 60) plus the columns this model needs (blob ids, checksums, part counts,
/// upload checksum settings) and key claims
/// (decision 0010). Every statement is idempotent: it runs at every start.
/// </summary>
internal static class SqliteSchema
{
    public const int Version = 1;

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
