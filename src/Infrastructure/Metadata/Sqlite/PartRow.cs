using BleepStore.Domain.Uploads;

namespace BleepStore.Infrastructure.Metadata.Sqlite;

/// <summary>A <c>multipart_parts</c> row as Dapper reads it.</summary>
internal sealed class PartRow
{
    public const string Columns =
        "upload_id AS UploadId, part_number AS PartNumber, size AS Size, etag AS ETag, last_modified AS LastModified, blob_id AS BlobId, checksums AS Checksums";

    public string UploadId { get; set; } = "";

    public long PartNumber { get; set; }

    public long Size { get; set; }

    public string ETag { get; set; } = "";

    public string LastModified { get; set; } = "";

    public string BlobId { get; set; } = "";

    public string? Checksums { get; set; }

    public static object ToParameters(PartRecord p) => new
    {
        upload_id = p.UploadId,
        part_number = p.PartNumber,
        size = p.Size,
        etag = p.ETag,
        last_modified = Timestamps.ToText(p.LastModified),
        blob_id = p.BlobId,
        checksums = MetadataJson.WriteChecksums(p.Checksums),
    };

    public PartRecord ToDomain() => new()
    {
        UploadId = UploadId,
        PartNumber = (int)PartNumber,
        Size = Size,
        ETag = ETag,
        LastModified = Timestamps.FromText(LastModified),
        BlobId = BlobId,
        Checksums = MetadataJson.ReadChecksums(Checksums),
    };
}
