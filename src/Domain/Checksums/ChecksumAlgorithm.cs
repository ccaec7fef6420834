namespace BleepStore.Domain.Checksums;

/// <summary>The additional checksums S3 supports (<c>x-amz-checksum-*</c>).</summary>
public enum ChecksumAlgorithm
{
    Crc32,
    Crc32C,
    Crc64Nvme,
    Sha1,
    Sha256,
}
