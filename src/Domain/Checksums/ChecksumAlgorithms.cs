namespace BleepStore.Domain.Checksums;

public static class ChecksumAlgorithms
{
    public static readonly ChecksumAlgorithm[] All =
        [ChecksumAlgorithm.Crc32, ChecksumAlgorithm.Crc32C, ChecksumAlgorithm.Crc64Nvme, ChecksumAlgorithm.Sha1, ChecksumAlgorithm.Sha256];

    /// <summary>The header name, e.g. <c>x-amz-checksum-crc32c</c>.</summary>
    public static string HeaderName(this ChecksumAlgorithm a) => a switch
    {
        ChecksumAlgorithm.Crc32 => "x-amz-checksum-crc32",
        ChecksumAlgorithm.Crc32C => "x-amz-checksum-crc32c",
        ChecksumAlgorithm.Crc64Nvme => "x-amz-checksum-crc64nvme",
        ChecksumAlgorithm.Sha1 => "x-amz-checksum-sha1",
        _ => "x-amz-checksum-sha256",
    };

    /// <summary>The name S3 uses in XML and <c>x-amz-checksum-algorithm</c>, e.g. <c>CRC32C</c>.</summary>
    public static string S3Name(this ChecksumAlgorithm a) => a switch
    {
        ChecksumAlgorithm.Crc32 => "CRC32",
        ChecksumAlgorithm.Crc32C => "CRC32C",
        ChecksumAlgorithm.Crc64Nvme => "CRC64NVME",
        ChecksumAlgorithm.Sha1 => "SHA1",
        _ => "SHA256",
    };

    public static bool TryFromHeaderName(string header, out ChecksumAlgorithm algorithm)
    {
        foreach (var a in All)
        {
            if (string.Equals(a.HeaderName(), header, StringComparison.OrdinalIgnoreCase))
            {
                algorithm = a;
                return true;
            }
        }

        algorithm = default;
        return false;
    }

    public static bool TryFromS3Name(string name, out ChecksumAlgorithm algorithm)
    {
        foreach (var a in All)
        {
            if (string.Equals(a.S3Name(), name, StringComparison.OrdinalIgnoreCase))
            {
                algorithm = a;
                return true;
            }
        }

        algorithm = default;
        return false;
    }
}
