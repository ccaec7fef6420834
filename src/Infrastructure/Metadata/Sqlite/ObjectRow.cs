using BleepStore.Domain.Objects;
using Microsoft.Data.Sqlite;

namespace BleepStore.Infrastructure.Metadata.Sqlite;

/// <summary>An <c>objects</c> row as Dapper reads it.</summary>
internal sealed class ObjectRow
{
    public const string Columns =
        "bucket AS Bucket, key AS Key, size AS Size, etag AS ETag, content_type AS ContentType, content_encoding AS ContentEncoding, " +
        "content_language AS ContentLanguage, content_disposition AS ContentDisposition, cache_control AS CacheControl, expires AS Expires, " +
        "storage_class AS StorageClass, acl AS Acl, user_metadata AS UserMetadata, last_modified AS LastModified, blob_id AS BlobId, " +
        "checksums AS Checksums, parts_count AS PartsCount, part_sizes AS PartSizes, tags AS Tags, object_lock AS ObjectLock, part_checksums AS PartChecksums";

    /// <summary>
    /// What a listing shows (key, size, ETag, storage class, last-modified, owner from the ACL): a third of
    /// the columns, so a 1000-key page decodes ~6,000 values instead of ~18,000. Read with <see cref="ReadListing"/>.
    /// </summary>
    public const string ListingColumns = "key, size, etag, storage_class, acl, last_modified";

    /// <summary>Columns plus the inline bytes: only single-object reads load them, never listings.</summary>
    public const string ColumnsWithData = Columns + ", inline_data AS InlineData, version_id AS VersionId";

    public const string InsertColumns =
        "bucket, key, size, etag, content_type, content_encoding, content_language, content_disposition, cache_control, expires, " +
        "storage_class, acl, user_metadata, last_modified, delete_marker, blob_id, checksums, parts_count, part_sizes, tags, inline_data, object_lock, part_checksums";

    public const string InsertValues =
        "@bucket, @key, @size, @etag, @content_type, @content_encoding, @content_language, @content_disposition, @cache_control, @expires, " +
        "@storage_class, @acl, @user_metadata, @last_modified, 0, @blob_id, @checksums, @parts_count, @part_sizes, @tags, @inline_data, @object_lock, @part_checksums";

    public const string UpdateFromExcluded =
        "size = excluded.size, etag = excluded.etag, content_type = excluded.content_type, content_encoding = excluded.content_encoding, " +
        "content_language = excluded.content_language, content_disposition = excluded.content_disposition, cache_control = excluded.cache_control, " +
        "expires = excluded.expires, storage_class = excluded.storage_class, acl = excluded.acl, user_metadata = excluded.user_metadata, " +
        "last_modified = excluded.last_modified, delete_marker = 0, blob_id = excluded.blob_id, checksums = excluded.checksums, parts_count = excluded.parts_count, part_sizes = excluded.part_sizes, tags = excluded.tags, inline_data = excluded.inline_data, object_lock = excluded.object_lock, part_checksums = excluded.part_checksums";

    public string Bucket { get; set; } = "";

    public string Key { get; set; } = "";

    public long Size { get; set; }

    public string ETag { get; set; } = "";

    public string ContentType { get; set; } = "";

    public string? ContentEncoding { get; set; }

    public string? ContentLanguage { get; set; }

    public string? ContentDisposition { get; set; }

    public string? CacheControl { get; set; }

    public string? Expires { get; set; }

    public string StorageClass { get; set; } = "STANDARD";

    public string Acl { get; set; } = "{}";

    public string UserMetadata { get; set; } = "{}";

    public string LastModified { get; set; } = "";

    public string BlobId { get; set; } = "";

    public string? Checksums { get; set; }

    public long PartsCount { get; set; }

    /// <summary>Part sizes of a multipart object, comma-separated, so GET ?partNumber=N can cut part N.</summary>
    public string? PartSizes { get; set; }

    /// <summary>The tag set as JSON; NULL for an untagged object.</summary>
    public string? Tags { get; set; }

    public byte[]? InlineData { get; set; }

    /// <summary>Retention and legal hold as JSON (<see cref="ObjectLockJson"/>); NULL when it has neither.</summary>
    public string? ObjectLock { get; set; }

    /// <summary>The parts' checksums as JSON (as <see cref="Checksums"/>); NULL when none are kept.</summary>
    public string? PartChecksums { get; set; }

    /// <summary>NULL for the null version (decision 0014).</summary>
    public string? VersionId { get; set; }

    /// <summary>Parameter names of <see cref="InsertValues"/>, in the order of <see cref="Values"/>.</summary>
    private static readonly string[] ParameterNames =
    [
        "@bucket", "@key", "@size", "@etag", "@content_type", "@content_encoding", "@content_language", "@content_disposition",
        "@cache_control", "@expires", "@storage_class", "@acl", "@user_metadata", "@last_modified", "@blob_id", "@checksums",
        "@parts_count", "@part_sizes", "@tags", "@inline_data", "@object_lock", "@part_checksums",
    ];

    /// <summary>
    /// The values an upsert binds, in <see cref="ParameterNames"/> order (NULL as <see cref="DBNull"/>).
    /// Built on the caller's thread (JSON columns included), so the writer thread only binds and steps.
    /// </summary>
    public static object[] Values(ObjectRecord r) =>
    [
        r.Bucket,
        r.Key,
        r.Size,
        r.ETag,
        r.Content.ContentType,
        OrNull(r.Content.ContentEncoding),
        OrNull(r.Content.ContentLanguage),
        OrNull(r.Content.ContentDisposition),
        OrNull(r.Content.CacheControl),
        OrNull(r.Content.Expires),
        r.StorageClass,
        MetadataJson.WriteAcl(r.Acl),
        MetadataJson.WriteUserMetadata(r.UserMetadata),
        Timestamps.ToText(r.LastModified),
        r.BlobId,
        OrNull(MetadataJson.WriteChecksums(r.Checksums)),
        (long)r.PartsCount,
        r.PartSizes.Count == 0 ? DBNull.Value : string.Join(',', r.PartSizes),
        r.Tags.Count == 0 ? DBNull.Value : MetadataJson.WriteTags(r.Tags),
        OrNull(r.InlineData),
        OrNull(ObjectLockJson.Write(r.Retention, r.LegalHold)),
        r.PartChecksums.Count == 0 ? DBNull.Value : MetadataJson.WriteChecksums(r.PartChecksums),
    ];

    /// <summary>Binds <paramref name="values"/> (from <see cref="Values"/>) to a cached upsert command, by position after the first use.</summary>
    public static SqliteCommand Bind(SqliteCommand command, object[] values)
    {
        var parameters = command.Parameters;
        if (parameters.Count == 0)
        {
            foreach (var name in ParameterNames)
            {
                parameters.Add(new SqliteParameter(name, DBNull.Value));
            }
        }

        for (var i = 0; i < values.Length; i++)
        {
            parameters[i].Value = values[i];
        }

        return command;
    }

    private static object OrNull(object? value) => value ?? DBNull.Value;

    /// <summary>Reads a row selected with <see cref="Columns"/> (or <see cref="ColumnsWithData"/>), by ordinal.</summary>
    public static ObjectRow Read(SqliteDataReader r) => new()
    {
        Bucket = r.GetString(0),
        Key = r.GetString(1),
        Size = r.GetInt64(2),
        ETag = r.GetString(3),
        ContentType = r.GetString(4),
        ContentEncoding = r.GetNullableString(5),
        ContentLanguage = r.GetNullableString(6),
        ContentDisposition = r.GetNullableString(7),
        CacheControl = r.GetNullableString(8),
        Expires = r.GetNullableString(9),
        StorageClass = r.GetString(10),
        Acl = r.GetString(11),
        UserMetadata = r.GetString(12),
        LastModified = r.GetString(13),
        BlobId = r.GetString(14),
        Checksums = r.GetNullableString(15),
        PartsCount = r.GetInt64(16),
        PartSizes = r.GetNullableString(17),
        Tags = r.GetNullableString(18),
        ObjectLock = r.GetNullableString(19),
        PartChecksums = r.GetNullableString(20),
        InlineData = r.FieldCount > 21 && !r.IsDBNull(21) ? (byte[])r.GetValue(21) : null,
        VersionId = r.FieldCount > 22 && !r.IsDBNull(22) ? r.GetString(22) : null,
    };

    /// <summary>A listing entry from a row selected with <see cref="ListingColumns"/>; the fields a listing never shows keep their defaults.</summary>
    public static ObjectRecord ReadListing(SqliteDataReader r, string bucket) => new()
    {
        Bucket = bucket,
        Key = r.GetString(0),
        Size = r.GetInt64(1),
        ETag = r.GetString(2),
        Content = ContentHeaders.Default,
        StorageClass = r.GetString(3),
        Acl = MetadataJson.ReadAcl(r.GetString(4), null),
        LastModified = Timestamps.FromText(r.GetString(5)),
        BlobId = "",
    };

    public ObjectRecord ToDomain()
    {
        var (retention, legalHold) = ObjectLockJson.Read(ObjectLock);
        return new()
        {
            Bucket = Bucket,
            Key = Key,
            Size = Size,
            ETag = ETag,
            Content = new ContentHeaders(ContentType, ContentEncoding, ContentLanguage, ContentDisposition, CacheControl, Expires),
            StorageClass = StorageClass,
            Acl = MetadataJson.ReadAcl(Acl, null),
            UserMetadata = MetadataJson.ReadUserMetadata(UserMetadata),
            LastModified = Timestamps.FromText(LastModified),
            BlobId = BlobId,
            Checksums = MetadataJson.ReadChecksums(Checksums),
            PartsCount = (int)PartsCount,
            PartSizes = string.IsNullOrEmpty(PartSizes) ? [] : Array.ConvertAll(PartSizes.Split(','), long.Parse),
            PartChecksums = MetadataJson.ReadChecksums(PartChecksums),
            InlineData = InlineData,
            Tags = MetadataJson.ReadTags(Tags),
            VersionId = VersionId,
            Retention = retention,
            LegalHold = legalHold,
        };
    }
}
