using BleepStore.Domain.Access;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Uploads;

namespace BleepStore.Infrastructure.Metadata.Sqlite;

/// <summary>A <c>multipart_uploads</c> row as Dapper reads it.</summary>
internal sealed class UploadRow
{
    public const string Columns =
        "upload_id AS UploadId, bucket AS Bucket, key AS Key, content_type AS ContentType, content_encoding AS ContentEncoding, " +
        "content_language AS ContentLanguage, content_disposition AS ContentDisposition, cache_control AS CacheControl, expires AS Expires, " +
        "storage_class AS StorageClass, acl AS Acl, user_metadata AS UserMetadata, owner_id AS OwnerId, owner_display AS OwnerDisplay, " +
        "initiated_at AS InitiatedAt, checksum_algorithm AS ChecksumAlgorithm, checksum_type AS ChecksumType, tags AS Tags, object_lock AS ObjectLock";

    public string UploadId { get; set; } = "";

    public string Bucket { get; set; } = "";

    public string Key { get; set; } = "";

    public string ContentType { get; set; } = "";

    public string? ContentEncoding { get; set; }

    public string? ContentLanguage { get; set; }

    public string? ContentDisposition { get; set; }

    public string? CacheControl { get; set; }

    public string? Expires { get; set; }

    public string StorageClass { get; set; } = "STANDARD";

    public string Acl { get; set; } = "{}";

    public string UserMetadata { get; set; } = "{}";

    public string OwnerId { get; set; } = "";

    public string OwnerDisplay { get; set; } = "";

    public string InitiatedAt { get; set; } = "";

    public string? ChecksumAlgorithm { get; set; }

    public string? ChecksumType { get; set; }

    public string? Tags { get; set; }

    public string? ObjectLock { get; set; }

    public static object ToParameters(MultipartUpload u) => new
    {
        upload_id = u.UploadId,
        bucket = u.Bucket,
        key = u.Key,
        content_type = u.Content.ContentType,
        content_encoding = u.Content.ContentEncoding,
        content_language = u.Content.ContentLanguage,
        content_disposition = u.Content.ContentDisposition,
        cache_control = u.Content.CacheControl,
        expires = u.Content.Expires,
        storage_class = u.StorageClass,
        acl = MetadataJson.WriteAcl(u.Acl),
        user_metadata = MetadataJson.WriteUserMetadata(u.UserMetadata),
        owner_id = u.Initiator.Id,
        owner_display = u.Initiator.DisplayName,
        initiated_at = Timestamps.ToText(u.Initiated),
        checksum_algorithm = u.ChecksumAlgorithm?.S3Name(),
        checksum_type = u.ChecksumType,
        tags = u.Tags.Count == 0 ? null : MetadataJson.WriteTags(u.Tags),
        object_lock = ObjectLockJson.Write(u.Retention, u.LegalHold),
    };

    public MultipartUpload ToDomain()
    {
        var initiator = new Owner(OwnerId, OwnerDisplay);
        var (retention, legalHold) = ObjectLockJson.Read(ObjectLock);
        return new MultipartUpload
        {
            UploadId = UploadId,
            Bucket = Bucket,
            Key = Key,
            Content = new ContentHeaders(ContentType, ContentEncoding, ContentLanguage, ContentDisposition, CacheControl, Expires),
            StorageClass = StorageClass,
            Acl = MetadataJson.ReadAcl(Acl, initiator),
            UserMetadata = MetadataJson.ReadUserMetadata(UserMetadata),
            Initiator = initiator,
            Initiated = Timestamps.FromText(InitiatedAt),
            ChecksumAlgorithm = ChecksumAlgorithm is not null && ChecksumAlgorithms.TryFromS3Name(ChecksumAlgorithm, out var a) ? a : null,
            ChecksumType = ChecksumType,
            Tags = MetadataJson.ReadTags(Tags),
            Retention = retention,
            LegalHold = legalHold,
        };
    }
}
