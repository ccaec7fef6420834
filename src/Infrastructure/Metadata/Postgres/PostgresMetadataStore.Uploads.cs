using System.Text;
using BleepStore.Application.Abstractions;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Uploads;
using BleepStore.Infrastructure.Metadata.Sqlite;
using Dapper;
using Npgsql;

namespace BleepStore.Infrastructure.Metadata.Postgres;

/// <summary>
/// Multipart uploads. The upload row is the lock that orders parts against the end of their upload: PutPart holds it
/// <c>FOR SHARE</c> (parts of one upload go in side by side), Abort and Complete take it <c>FOR UPDATE</c> (after every
/// part in flight has committed, and before any new one), so no part row outlives its upload unseen and every part
/// an Abort or Complete removes is in the list it returns (its blob to delete).
/// </summary>
public sealed partial class PostgresMetadataStore
{
    /// <summary>
    /// Serialises the tail of completions that record themselves (insert, then trim to <see cref="CompletedUpload.MaxKept"/>)
    /// across connections and nodes, so the bound is exact and seq follows commit order. ("bleepcmp" in ASCII.)
    /// </summary>
    private const long CompletedUploadsLockKey = 0x626c656570636d70;

    private const string SelectParts = $"SELECT {PartRow.Columns} FROM multipart_parts WHERE upload_id = @uploadId ORDER BY part_number";

    private const string LockUploadForUpdate = "SELECT upload_id FROM multipart_uploads WHERE upload_id = @uploadId FOR UPDATE";

    public Task CreateUploadAsync(MultipartUpload upload, CancellationToken ct) =>
        WriteAsync((upload.Bucket, parameters: UploadRow.ToParameters(upload with { Key = PostgresKeys.Encode(upload.Key) })), static async (c, tx, s) =>
        {
            try
            {
                return await c.ExecuteAsync(
                    "INSERT INTO multipart_uploads (upload_id, bucket, key, content_type, content_encoding, content_language, content_disposition, " +
                    "cache_control, expires, storage_class, acl, user_metadata, owner_id, owner_display, initiated_at, checksum_algorithm, checksum_type, tags, object_lock) " +
                    "VALUES (@upload_id, @bucket, @key, @content_type, @content_encoding, @content_language, @content_disposition, " +
                    "@cache_control, @expires, @storage_class, @acl, @user_metadata, @owner_id, @owner_display, @initiated_at, @checksum_algorithm, @checksum_type, @tags, @object_lock)",
                    s.parameters,
                    tx).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ForeignKeyViolation)
            {
                throw S3Exception.NoSuchBucket(s.Bucket);
            }
        }, ct);

    public Task<MultipartUpload?> GetUploadAsync(string uploadId, CancellationToken ct) =>
        ReadAsync(uploadId, static async (c, uploadId) =>
            (await c.QuerySingleOrDefaultAsync<UploadRow>($"SELECT {UploadRow.Columns} FROM multipart_uploads WHERE upload_id = @uploadId", new { uploadId })
                .ConfigureAwait(false)) is { } row ? Decoded(row) : null, ct);

    public Task<IReadOnlyList<MultipartUpload>> ListUploadsAsync(string bucket, string prefix, string? keyMarker, string? uploadIdMarker, int limit, CancellationToken ct)
    {
        if (limit <= 0)
        {
            return Task.FromResult<IReadOnlyList<MultipartUpload>>([]);
        }

        return ReadAsync((bucket, prefix, keyMarker, uploadIdMarker, limit), static async (c, s) =>
        {
            var (bucket, prefix, keyMarker, uploadIdMarker, limit) = s;
            // Byte ranges on (bucket, key) COLLATE "C", never LIKE: the idx_uploads_bucket_key range scan serves them.
            var sql = new StringBuilder($"SELECT {UploadRow.Columns} FROM multipart_uploads WHERE bucket = @bucket");
            // Bound and compared in their stored form (PostgresKeys keeps order and prefixes).
            prefix = PostgresKeys.Encode(prefix);
            keyMarker = PostgresKeys.EncodeOrNull(keyMarker);
            var upper = prefix.Length > 0 ? Utf8Order.PrefixSuccessor(prefix) : null;
            if (prefix.Length > 0)
            {
                sql.Append(" AND key >= @prefix");
            }

            if (upper is not null)
            {
                sql.Append(" AND key < @upper");
            }

            string? markerInitiated = null;
            if (!string.IsNullOrEmpty(keyMarker))
            {
                if (!string.IsNullOrEmpty(uploadIdMarker))
                {
                    markerInitiated = await c.QuerySingleOrDefaultAsync<string>(
                        "SELECT initiated_at FROM multipart_uploads WHERE upload_id = @uploadIdMarker AND bucket = @bucket AND key = @keyMarker",
                        new { uploadIdMarker, bucket, keyMarker }).ConfigureAwait(false);
                }

                // With a known upload-id marker resume after it within its key; otherwise skip the whole key.
                sql.Append(markerInitiated is null
                    ? " AND key > @keyMarker"
                    : " AND key >= @keyMarker AND (key, initiated_at, upload_id) > (@keyMarker, @markerInitiated, @uploadIdMarker)");
            }

            sql.Append(" ORDER BY key, initiated_at, upload_id LIMIT @limit");
            var rows = await c.QueryAsync<UploadRow>(sql.ToString(), new { bucket, prefix, upper, keyMarker, markerInitiated, uploadIdMarker, limit }).ConfigureAwait(false);
            return (IReadOnlyList<MultipartUpload>)rows.Select(Decoded).ToList();
        }, ct);
    }

    public Task<PartRecord?> PutPartAsync(PartRecord part, CancellationToken ct) =>
        WriteAsync((part.UploadId, part.PartNumber, parameters: PartRow.ToParameters(part)), static async (c, tx, s) =>
        {
            var uploadId = s.UploadId;
            // FOR SHARE: an Abort or Complete (FOR UPDATE) waits for this part to commit and then sees it, or ran first
            // and this finds no row.
            if (await c.ExecuteScalarAsync<string?>("SELECT upload_id FROM multipart_uploads WHERE upload_id = @uploadId FOR SHARE", new { uploadId }, tx)
                    .ConfigureAwait(false) is null)
            {
                throw new S3Exception(S3Errors.NoSuchUpload, details: [new("UploadId", uploadId)]);
            }

            const string Insert =
                "INSERT INTO multipart_parts (upload_id, part_number, size, etag, last_modified, blob_id, checksums) " +
                "VALUES (@upload_id, @part_number, @size, @etag, @last_modified, @blob_id, @checksums) ON CONFLICT (upload_id, part_number) DO NOTHING";
            if (await c.ExecuteAsync(Insert, s.parameters, tx).ConfigureAwait(false) > 0)
            {
                return null;
            }

            // The part number is taken: lock its row (waiting for a racing writer of the same part to commit), so the
            // row returned is exactly the one this write replaces, and no other writer replaces it unseen.
            var previous = await c.QuerySingleAsync<PartRow>(
                $"SELECT {PartRow.Columns} FROM multipart_parts WHERE upload_id = @uploadId AND part_number = @partNumber FOR UPDATE",
                new { uploadId, partNumber = (long)s.PartNumber },
                tx).ConfigureAwait(false);
            await c.ExecuteAsync(
                "UPDATE multipart_parts SET size = @size, etag = @etag, last_modified = @last_modified, blob_id = @blob_id, checksums = @checksums " +
                "WHERE upload_id = @upload_id AND part_number = @part_number",
                s.parameters,
                tx).ConfigureAwait(false);
            return previous.ToDomain();
        }, ct);

    public Task<IReadOnlyList<PartRecord>> ListPartsAsync(string uploadId, int afterPartNumber, int limit, CancellationToken ct) =>
        ReadAsync((uploadId, afterPartNumber, limit), static async (c, s) =>
        {
            var rows = await c.QueryAsync<PartRow>(
                $"SELECT {PartRow.Columns} FROM multipart_parts WHERE upload_id = @uploadId AND part_number > @afterPartNumber ORDER BY part_number LIMIT @limit",
                new { s.uploadId, afterPartNumber = (long)s.afterPartNumber, s.limit }).ConfigureAwait(false);
            return (IReadOnlyList<PartRecord>)rows.Select(static r => r.ToDomain()).ToList();
        }, ct);

    public async Task<(ObjectRecord? Replaced, IReadOnlyList<PartRecord> Parts, string? VersionId)> CompleteUploadAsync(
        string uploadId, ObjectRecord final, WriteCondition condition, string? listedParts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(final);
        var (write, parts) = await WriteAsync((uploadId, final, condition, listedParts), static async (c, tx, s) =>
        {
            // Lock order: the key (as every object write), then the upload row. A second Complete of the same upload
            // waits on the key, then finds the upload gone: NoSuchUpload, as on SQLite.
            await LockKeyAsync(c, tx, s.final.Bucket, s.final.Key).ConfigureAwait(false);
            if (await c.ExecuteScalarAsync<string?>(LockUploadForUpdate, new { s.uploadId }, tx).ConfigureAwait(false) is null)
            {
                throw new S3Exception(S3Errors.NoSuchUpload, details: [new("UploadId", s.uploadId)]);
            }

            var write = await UpsertObjectInTransactionAsync(c, tx, s.final, s.condition).ConfigureAwait(false);
            var parts = (await c.QueryAsync<PartRow>(SelectParts, new { s.uploadId }, tx).ConfigureAwait(false)).AsList();
            // The parts go by ON DELETE CASCADE.
            await c.ExecuteAsync("DELETE FROM multipart_uploads WHERE upload_id = @uploadId", new { s.uploadId }, tx).ConfigureAwait(false);
            if (s.listedParts is not null)
            {
                await RecordCompletionAsync(c, tx, s.uploadId, s.final, s.listedParts, write.VersionId).ConfigureAwait(false);
            }

            return (write, parts);
        }, ct).ConfigureAwait(false);
        return (write.Replaced, parts.Select(static r => r.ToDomain()).ToList(), write.VersionId);
    }

    /// <summary>
    /// The completion's record, then the bounds: records older than the lifetime, and all but the newest MaxKept. Under
    /// <see cref="CompletedUploadsLockKey"/> until commit, so concurrent completions trim one after the other and the
    /// table never keeps more than MaxKept once they have committed. One round trip, since the lock is held to commit.
    /// </summary>
    private static Task RecordCompletionAsync(NpgsqlConnection c, NpgsqlTransaction tx, string uploadId, ObjectRecord final, string listedParts, string? versionId) =>
        c.ExecuteAsync(
            "SELECT pg_advisory_xact_lock(@lockKey); " +
            // As SQLite's INSERT OR REPLACE: a record of the same id is replaced by a new, newest one.
            "DELETE FROM completed_uploads WHERE upload_id = @uploadId; " +
            "INSERT INTO completed_uploads (upload_id, bucket, key, parts, etag, version_id, completed_at) " +
            "VALUES (@uploadId, @bucket, @key, @parts, @etag, @versionId, @at); " +
            "DELETE FROM completed_uploads WHERE completed_at < @cutoff; " +
            // seq has gaps (a rolled-back insert burns its number), so count rows, not numbers: delete from the
            // (MaxKept+1)-th newest down. The first condition (two index probes, a one-time filter) skips that scan
            // while the span of seq says there cannot be more than MaxKept.
            "DELETE FROM completed_uploads WHERE (SELECT MAX(seq) - MIN(seq) FROM completed_uploads) >= @max " +
            "AND seq <= (SELECT seq FROM completed_uploads ORDER BY seq DESC OFFSET @max LIMIT 1)",
            new
            {
                lockKey = CompletedUploadsLockKey,
                uploadId,
                bucket = final.Bucket,
                key = PostgresKeys.Encode(final.Key),
                parts = listedParts,
                etag = final.ETag,
                versionId,
                at = Timestamps.ToText(final.LastModified),
                cutoff = Timestamps.ToText(final.LastModified - CompletedUpload.Lifetime),
                max = (long)CompletedUpload.MaxKept,
            },
            tx);

    public Task<CompletedUpload?> GetCompletedUploadAsync(string uploadId, CancellationToken ct) =>
        ReadAsync(uploadId, static async (c, uploadId) =>
        {
            var row = await c.QuerySingleOrDefaultAsync<CompletedUploadRow>(
                "SELECT upload_id AS UploadId, bucket AS Bucket, key AS Key, parts AS Parts, etag AS ETag, version_id AS VersionId, completed_at AS CompletedAt " +
                "FROM completed_uploads WHERE upload_id = @uploadId",
                new { uploadId }).ConfigureAwait(false);
            return row is null ? null
                : new CompletedUpload(row.UploadId, row.Bucket, PostgresKeys.Decode(row.Key), row.Parts, row.ETag, row.VersionId, Timestamps.FromText(row.CompletedAt));
        }, ct);

    public async Task<IReadOnlyList<PartRecord>?> AbortUploadAsync(string uploadId, CancellationToken ct)
    {
        var parts = await WriteAsync(uploadId, static async (c, tx, uploadId) =>
        {
            // FOR UPDATE first: waits for every PutPart in flight (FOR SHARE) to commit, so the list below has its part.
            if (await c.ExecuteScalarAsync<string?>(LockUploadForUpdate, new { uploadId }, tx).ConfigureAwait(false) is null)
            {
                return null;
            }

            var parts = (await c.QueryAsync<PartRow>(SelectParts, new { uploadId }, tx).ConfigureAwait(false)).AsList();
            await c.ExecuteAsync("DELETE FROM multipart_uploads WHERE upload_id = @uploadId", new { uploadId }, tx).ConfigureAwait(false);
            return parts;
        }, ct).ConfigureAwait(false);
        return parts?.Select(static r => r.ToDomain()).ToList();
    }

    public Task<IReadOnlyList<string>> ListUploadsInitiatedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken ct) =>
        ReadAsync((cutoff: Timestamps.ToText(cutoff), limit), static async (c, s) =>
            (IReadOnlyList<string>)(await c.QueryAsync<string>(
                "SELECT upload_id FROM multipart_uploads WHERE initiated_at < @cutoff ORDER BY initiated_at, upload_id LIMIT @limit",
                new { s.cutoff, s.limit }).ConfigureAwait(false)).AsList(), ct);

    private sealed class CompletedUploadRow
    {
        public string UploadId { get; set; } = "";

        public string Bucket { get; set; } = "";

        public string Key { get; set; } = "";

        public string Parts { get; set; } = "";

        public string ETag { get; set; } = "";

        public string? VersionId { get; set; }

        public string CompletedAt { get; set; } = "";
    }

    /// <summary>An upload row as the port returns it: its key decoded from the stored form (<see cref="PostgresKeys"/>).</summary>
    private static MultipartUpload Decoded(UploadRow row)
    {
        var upload = row.ToDomain();
        return upload with { Key = PostgresKeys.Decode(upload.Key) };
    }
}
