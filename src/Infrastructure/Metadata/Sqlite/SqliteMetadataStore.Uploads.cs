using System.Text;
using BleepStore.Application.Abstractions;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Uploads;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BleepStore.Infrastructure.Metadata.Sqlite;

public sealed partial class SqliteMetadataStore
{
    private const string SelectUploadsInitiatedBefore =
        "SELECT upload_id FROM multipart_uploads WHERE initiated_at < @cutoff ORDER BY initiated_at, upload_id LIMIT @limit";

    private const string UploadExists = "SELECT COUNT(*) FROM multipart_uploads WHERE upload_id = @uploadId";

    private const string SelectParts = $"SELECT {PartRow.Columns} FROM multipart_parts WHERE upload_id = @uploadId ORDER BY part_number";

    public Task CreateUploadAsync(MultipartUpload upload, CancellationToken ct) =>
        _db.WriteAsync((upload.Bucket, parameters: UploadRow.ToParameters(upload)), static (c, tx, s) =>
        {
            try
            {
                return c.Execute(
                    "INSERT INTO multipart_uploads (upload_id, bucket, key, content_type, content_encoding, content_language, content_disposition, " +
                    "cache_control, expires, storage_class, acl, user_metadata, owner_id, owner_display, initiated_at, checksum_algorithm, checksum_type, tags, object_lock) " +
                    "VALUES (@upload_id, @bucket, @key, @content_type, @content_encoding, @content_language, @content_disposition, " +
                    "@cache_control, @expires, @storage_class, @acl, @user_metadata, @owner_id, @owner_display, @initiated_at, @checksum_algorithm, @checksum_type, @tags, @object_lock)",
                    s.parameters,
                    tx);
            }
            catch (SqliteException ex) when (IsForeignKeyViolation(ex))
            {
                throw S3Exception.NoSuchBucket(s.Bucket);
            }
        }, ct);

    public Task<MultipartUpload?> GetUploadAsync(string uploadId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var lease = _db.RentReader();
        var row = lease.Connection.QuerySingleOrDefault<UploadRow>($"SELECT {UploadRow.Columns} FROM multipart_uploads WHERE upload_id = @uploadId", new { uploadId });
        return Task.FromResult(row?.ToDomain());
    }

    public Task<IReadOnlyList<MultipartUpload>> ListUploadsAsync(string bucket, string prefix, string? keyMarker, string? uploadIdMarker, int limit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (limit <= 0)
        {
            return Task.FromResult<IReadOnlyList<MultipartUpload>>([]);
        }

        using var lease = _db.RentReader();
        var c = lease.Connection;
        using var tx = c.BeginTransaction(deferred: true);
        var sql = new StringBuilder($"SELECT {UploadRow.Columns} FROM multipart_uploads WHERE bucket = @bucket");
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
                markerInitiated = c.QuerySingleOrDefault<string>(
                    "SELECT initiated_at FROM multipart_uploads WHERE upload_id = @uploadIdMarker AND bucket = @bucket AND key = @keyMarker",
                    new { uploadIdMarker, bucket, keyMarker },
                    tx);
            }

            // With a known upload-id marker resume after it within its key; otherwise skip the whole key.
            sql.Append(markerInitiated is null
                ? " AND key > @keyMarker"
                : " AND (key, initiated_at, upload_id) > (@keyMarker, @markerInitiated, @uploadIdMarker)");
        }

        sql.Append(" ORDER BY key, initiated_at, upload_id LIMIT @limit");
        var rows = c.Query<UploadRow>(sql.ToString(), new { bucket, prefix, upper, keyMarker, markerInitiated, uploadIdMarker, limit }, tx);
        var result = ToList(rows, static r => r.ToDomain());
        tx.Commit();
        return Task.FromResult<IReadOnlyList<MultipartUpload>>(result);
    }

    public async Task<PartRecord?> PutPartAsync(PartRecord part, CancellationToken ct)
    {
        var previous = await _db.WriteAsync((part, parameters: PartRow.ToParameters(part)), static (c, tx, s) =>
        {
            if (c.ExecuteScalar<long>(UploadExists, new { uploadId = s.part.UploadId }, tx) == 0)
            {
                throw new S3Exception(S3Errors.NoSuchUpload, details: [new("UploadId", s.part.UploadId)]);
            }

            var previous = c.QuerySingleOrDefault<PartRow>(
                $"SELECT {PartRow.Columns} FROM multipart_parts WHERE upload_id = @uploadId AND part_number = @partNumber",
                new { uploadId = s.part.UploadId, partNumber = s.part.PartNumber },
                tx);
            c.Execute(
                "INSERT INTO multipart_parts (upload_id, part_number, size, etag, last_modified, blob_id, checksums) " +
                "VALUES (@upload_id, @part_number, @size, @etag, @last_modified, @blob_id, @checksums) " +
                "ON CONFLICT(upload_id, part_number) DO UPDATE SET size = excluded.size, etag = excluded.etag, " +
                "last_modified = excluded.last_modified, blob_id = excluded.blob_id, checksums = excluded.checksums",
                s.parameters,
                tx);
            return previous;
        }, ct).ConfigureAwait(false);
        return previous?.ToDomain();
    }

    public Task<IReadOnlyList<PartRecord>> ListPartsAsync(string uploadId, int afterPartNumber, int limit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var lease = _db.RentReader();
        var rows = lease.Connection.Query<PartRow>(
            $"SELECT {PartRow.Columns} FROM multipart_parts WHERE upload_id = @uploadId AND part_number > @afterPartNumber ORDER BY part_number LIMIT @limit",
            new { uploadId, afterPartNumber, limit });
        return Task.FromResult<IReadOnlyList<PartRecord>>(ToList(rows, static r => r.ToDomain()));
    }

    public async Task<(ObjectRecord? Replaced, IReadOnlyList<PartRecord> Parts, string? VersionId)> CompleteUploadAsync(
        string uploadId, ObjectRecord final, WriteCondition condition, string? listedParts, CancellationToken ct)
    {
        var (write, parts) = await WriteObjectAsync(final.Bucket, final.Key, _db.WriteAsync((uploadId, final, values: ObjectRow.Values(final), condition, listedParts, commands: _db.WriterCommands, map: _versioning), static (c, tx, s) =>
        {
            if (c.ExecuteScalar<long>(UploadExists, new { s.uploadId }, tx) == 0)
            {
                throw new S3Exception(S3Errors.NoSuchUpload, details: [new("UploadId", s.uploadId)]);
            }

            var previous = UpsertObjectInTransaction(c, s.commands, tx, s.final, s.values, s.condition, s.map);
            var parts = c.Query<PartRow>(SelectParts, new { s.uploadId }, tx).AsList();
            c.Execute("DELETE FROM multipart_uploads WHERE upload_id = @uploadId", new { s.uploadId }, tx);
            if (s.listedParts is not null)
            {
                RecordCompletion(c, tx, s.uploadId, s.final, s.listedParts, previous.VersionId);
            }

            return (previous, parts);
        }, ct)).ConfigureAwait(false);
        return (write.Replaced, ToList(parts, static r => r.ToDomain()), write.VersionId);
    }

    public Task<CompletedUpload?> GetCompletedUploadAsync(string uploadId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var lease = _db.RentReader();
        var row = lease.Connection.QuerySingleOrDefault<CompletedUploadRow>(
            "SELECT upload_id AS UploadId, bucket AS Bucket, key AS Key, parts AS Parts, etag AS ETag, version_id AS VersionId, completed_at AS CompletedAt " +
            "FROM completed_uploads WHERE upload_id = @uploadId",
            new { uploadId });
        return Task.FromResult(row is null ? null
            : new CompletedUpload(row.UploadId, row.Bucket, row.Key, row.Parts, row.ETag, row.VersionId, Timestamps.FromText(row.CompletedAt)));
    }

    /// <summary>The completion's record, then the bounds: records older than the lifetime, and all but the newest MaxKept.</summary>
    private static void RecordCompletion(SqliteConnection c, SqliteTransaction tx, string uploadId, ObjectRecord final, string listedParts, string? versionId)
    {
        c.Execute(
            "INSERT OR REPLACE INTO completed_uploads (upload_id, bucket, key, parts, etag, version_id, completed_at) " +
            "VALUES (@uploadId, @bucket, @key, @parts, @etag, @versionId, @at)",
            new { uploadId, bucket = final.Bucket, key = final.Key, parts = listedParts, etag = final.ETag, versionId, at = Timestamps.ToText(final.LastModified) },
            tx);
        c.Execute(
            "DELETE FROM completed_uploads WHERE completed_at < @cutoff; " +
            "DELETE FROM completed_uploads WHERE seq <= (SELECT MAX(seq) FROM completed_uploads) - @max",
            new { cutoff = Timestamps.ToText(final.LastModified - CompletedUpload.Lifetime), max = CompletedUpload.MaxKept },
            tx);
    }

    public async Task<IReadOnlyList<PartRecord>?> AbortUploadAsync(string uploadId, CancellationToken ct)
    {
        var parts = await _db.WriteAsync(uploadId, static (c, tx, uploadId) =>
        {
            var parts = c.Query<PartRow>(SelectParts, new { uploadId }, tx).AsList();
            var deleted = c.Execute("DELETE FROM multipart_uploads WHERE upload_id = @uploadId", new { uploadId }, tx);
            return deleted == 0 ? null : parts;
        }, ct).ConfigureAwait(false);
        return parts is null ? null : ToList(parts, static r => r.ToDomain());
    }

    public Task<IReadOnlyList<string>> ListUploadsInitiatedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        // Runs at every start (the reaper's first pass): a prepared command, no Dapper emit on the start path.
        using var lease = _db.RentReader();
        using var reader = lease.Command(SelectUploadsInitiatedBefore).Set("@cutoff", Timestamps.ToText(cutoff)).Set("@limit", limit).ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return Task.FromResult<IReadOnlyList<string>>(ids);
    }

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
}
