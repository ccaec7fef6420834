using Npgsql;

namespace BleepStore.Infrastructure.Metadata.Postgres;

/// <summary>
/// The PostgreSQL schema. Version 1 is the whole model of SQLite schema step 10 at once (this engine starts there);
/// later changes are new <see cref="Migrations"/> steps, never edits. The columns and their text encodings are
/// SQLite's (JSON text, <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> timestamps), so both engines share the row classes and the
/// export format. Every key and name column is <c>COLLATE "C"</c>: it compares as UTF-8 bytes whatever the
/// database's default collation, which is S3's order.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The version this build writes: the last step of <see cref="Migrations"/>.</summary>
    public const int Version = 3;

    /// <summary>
    /// Serialises start-up migrations across nodes: <c>pg_advisory_xact_lock</c> on this key, taken first in the
    /// migrating transaction. (Arbitrary, fixed: "bleepstr" in ASCII.)
    /// </summary>
    public const long MigrationLockKey = 0x626c656570737472;

    /// <summary>
    /// The SQLite schema step each version models (index = version): an export states the model of its rows, so
    /// both engines export the same <c>schema_version</c> for the same data. A new version adds its SQLite step here.
    /// </summary>
    private static readonly int[] SqliteSteps = [0, 10, 10, 10];

    public static int SqliteEquivalent(int version) =>
        version >= 0 && version < SqliteSteps.Length ? SqliteSteps[version] : throw new ArgumentOutOfRangeException(nameof(version), version, "not a schema version of this build");

    /// <summary>Versioned steps, in order; each runs once, in the start-up transaction with its schema_version row.</summary>
    public static readonly (int Version, string Sql)[] Migrations =
    [
        (1, """
            CREATE TABLE buckets (
                name             TEXT COLLATE "C" PRIMARY KEY,
                region           TEXT NOT NULL DEFAULT 'us-east-1',
                owner_id         TEXT NOT NULL,
                owner_display    TEXT NOT NULL DEFAULT '',
                acl              TEXT NOT NULL DEFAULT '{}',
                created_at       TEXT NOT NULL,
                tags             TEXT,
                cors             TEXT,
                object_ownership TEXT,
                versioning       TEXT,
                object_lock      TEXT,
                lifecycle        TEXT
            );
            CREATE INDEX idx_buckets_owner ON buckets(owner_id, name);

            CREATE TABLE objects (
                bucket              TEXT COLLATE "C" NOT NULL REFERENCES buckets(name) ON DELETE CASCADE,
                key                 TEXT COLLATE "C" NOT NULL,
                size                BIGINT NOT NULL,
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
                delete_marker       BIGINT NOT NULL DEFAULT 0,
                blob_id             TEXT NOT NULL,
                checksums           TEXT NOT NULL DEFAULT '[]',
                parts_count         BIGINT NOT NULL DEFAULT 0,
                part_sizes          TEXT,
                inline_data         BYTEA,
                tags                TEXT,
                version_id          TEXT,
                seq                 BIGINT NOT NULL DEFAULT 0,
                object_lock         TEXT,
                part_checksums      TEXT,
                PRIMARY KEY (bucket, key)
            );

            CREATE TABLE object_versions (
                bucket              TEXT COLLATE "C" NOT NULL REFERENCES buckets(name) ON DELETE CASCADE,
                key                 TEXT COLLATE "C" NOT NULL,
                seq                 BIGINT NOT NULL,
                version_id          TEXT,
                delete_marker       BIGINT NOT NULL DEFAULT 0,
                size                BIGINT NOT NULL,
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
                parts_count         BIGINT NOT NULL DEFAULT 0,
                part_sizes          TEXT,
                tags                TEXT,
                inline_data         BYTEA,
                object_lock         TEXT,
                part_checksums      TEXT
            );
            CREATE UNIQUE INDEX idx_versions_order ON object_versions(bucket, key, seq DESC);
            CREATE INDEX idx_versions_id ON object_versions(bucket, key, version_id);

            CREATE TABLE multipart_uploads (
                upload_id           TEXT COLLATE "C" PRIMARY KEY,
                bucket              TEXT COLLATE "C" NOT NULL REFERENCES buckets(name) ON DELETE CASCADE,
                key                 TEXT COLLATE "C" NOT NULL,
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
                checksum_type       TEXT,
                tags                TEXT,
                object_lock         TEXT
            );
            CREATE INDEX idx_uploads_bucket_key ON multipart_uploads(bucket, key);
            CREATE INDEX idx_uploads_initiated ON multipart_uploads(initiated_at);

            CREATE TABLE multipart_parts (
                upload_id     TEXT COLLATE "C" NOT NULL REFERENCES multipart_uploads(upload_id) ON DELETE CASCADE,
                part_number   BIGINT NOT NULL,
                size          BIGINT NOT NULL,
                etag          TEXT NOT NULL,
                last_modified TEXT NOT NULL,
                blob_id       TEXT NOT NULL,
                checksums     TEXT NOT NULL DEFAULT '[]',
                PRIMARY KEY (upload_id, part_number)
            );

            CREATE TABLE completed_uploads (
                seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                upload_id    TEXT COLLATE "C" NOT NULL UNIQUE,
                bucket       TEXT COLLATE "C" NOT NULL REFERENCES buckets(name) ON DELETE CASCADE,
                key          TEXT COLLATE "C" NOT NULL,
                parts        TEXT NOT NULL,
                etag         TEXT NOT NULL,
                version_id   TEXT,
                completed_at TEXT NOT NULL
            );
            CREATE INDEX idx_completed_uploads_at ON completed_uploads(completed_at);

            CREATE TABLE credentials (
                access_key_id TEXT COLLATE "C" PRIMARY KEY,
                secret_key    TEXT NOT NULL,
                owner_id      TEXT NOT NULL,
                display_name  TEXT NOT NULL DEFAULT '',
                active        BIGINT NOT NULL DEFAULT 1,
                created_at    TEXT NOT NULL,
                description   TEXT
            );

            CREATE TABLE key_claims (
                bucket     TEXT COLLATE "C" NOT NULL,
                key        TEXT COLLATE "C" NOT NULL,
                token      TEXT NOT NULL,
                claimed_at TEXT NOT NULL,
                PRIMARY KEY (bucket, key)
            );
            """),
        // 2: every update or delete of a bucket or credential row notifies its name in the changing transaction
        // (delivered at commit), whoever makes it (a node, meta import, an operator's SQL); PostgresChangeListener
        // drops the node's cached row. Inserts notify nothing: a miss is never cached. Same data model as 1.
        (2, """
            CREATE FUNCTION bleepstore_notify_bucket() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('bleepstore_buckets', OLD.name);
                IF TG_OP = 'UPDATE' AND NEW.name IS DISTINCT FROM OLD.name THEN PERFORM pg_notify('bleepstore_buckets', NEW.name); END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER buckets_notify AFTER UPDATE OR DELETE ON buckets
                FOR EACH ROW EXECUTE FUNCTION bleepstore_notify_bucket();

            CREATE FUNCTION bleepstore_notify_credential() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('bleepstore_credentials', OLD.access_key_id);
                IF TG_OP = 'UPDATE' AND NEW.access_key_id IS DISTINCT FROM OLD.access_key_id THEN PERFORM pg_notify('bleepstore_credentials', NEW.access_key_id); END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER credentials_notify AFTER UPDATE OR DELETE ON credentials
                FOR EACH ROW EXECUTE FUNCTION bleepstore_notify_credential();
            """),
        // 3: objects and object_versions no longer reference buckets by a foreign key. Every write to them holds the
        // bucket's advisory lock shared and has read the bucket's row under it; DeleteBucket holds it exclusive and
        // deletes only an empty bucket (PostgresMetadataStore.WriteBucketAsync). The key's FOR KEY SHARE on the bucket's
        // row was the hot spot of concurrent writes to one bucket (decision 0016). Same data model as 2.
        (3, """
            ALTER TABLE objects DROP CONSTRAINT objects_bucket_fkey;
            ALTER TABLE object_versions DROP CONSTRAINT object_versions_bucket_fkey;
            """),
    ];

    /// <summary>
    /// Brings the database to <see cref="Version"/> in one transaction under <see cref="MigrationLockKey"/>, so nodes
    /// starting at once apply each step exactly once (the others wait, then find it done). Returns the version found.
    /// </summary>
    public static int Migrate(NpgsqlConnection connection, string now)
    {
        using var tx = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT pg_advisory_xact_lock(@key)";
        command.Parameters.AddWithValue("key", MigrationLockKey);
        command.ExecuteNonQuery();
        command.Parameters.Clear();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);
            SELECT COALESCE(MAX(version), 0) FROM schema_version;
            """;
        var found = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
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
            command.Parameters.AddWithValue("version", version);
            command.Parameters.AddWithValue("now", now);
            command.ExecuteNonQuery();
            command.Parameters.Clear();
        }

        tx.Commit();
        return found;
    }
}
