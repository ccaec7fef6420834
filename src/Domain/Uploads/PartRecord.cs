using BleepStore.Domain.Checksums;

namespace BleepStore.Domain.Uploads;

public sealed record PartRecord
{
    public required string UploadId { get; init; }

    public required int PartNumber { get; init; }

    public required long Size { get; init; }

    /// <summary>Quoted hex MD5 of the part bytes.</summary>
    public required string ETag { get; init; }

    public required DateTimeOffset LastModified { get; init; }

    public required string BlobId { get; init; }

    public IReadOnlyList<ChecksumValue> Checksums { get; init; } = [];
}
