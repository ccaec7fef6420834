using System.Globalization;
using BleepStore.Application.Streams;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Uploads;

namespace BleepStore.Application.Uploads;

/// <summary>
/// The checksum an upload promises for its object: an algorithm and a type. <c>COMPOSITE</c> is the
/// checksum of the parts' raw checksums plus <c>-N</c>; <c>FULL_OBJECT</c> is the checksum of every byte.
/// </summary>
internal static class MultipartChecksums
{
    public const string Composite = "COMPOSITE";

    public const string FullObject = "FULL_OBJECT";

    /// <summary>
    /// Reads <c>x-amz-checksum-algorithm</c> and <c>x-amz-checksum-type</c> as sent at Create. The type
    /// defaults to FULL_OBJECT for CRC64NVME (its only type) and COMPOSITE otherwise; SHA digests cannot
    /// be combined, so SHA1/SHA256 are COMPOSITE only.
    /// </summary>
    public static (ChecksumAlgorithm? Algorithm, string? Type) Resolve(string? algorithmName, string? typeName)
    {
        var hasAlgorithm = !string.IsNullOrWhiteSpace(algorithmName);
        var hasType = !string.IsNullOrWhiteSpace(typeName);
        if (!hasAlgorithm)
        {
            return hasType
                ? throw new S3Exception(S3Errors.InvalidRequest, "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.")
                : (null, null);
        }

        if (!ChecksumAlgorithms.TryFromS3Name(algorithmName!.Trim(), out var algorithm))
        {
            throw new S3Exception(S3Errors.InvalidRequest, "Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
        }

        var type = hasType ? typeName!.Trim().ToUpperInvariant() : DefaultType(algorithm);
        if (type is not (Composite or FullObject))
        {
            throw new S3Exception(S3Errors.InvalidRequest, "Value for x-amz-checksum-type header is invalid.");
        }

        var supported = type == FullObject
            ? algorithm is ChecksumAlgorithm.Crc32 or ChecksumAlgorithm.Crc32C or ChecksumAlgorithm.Crc64Nvme
            : algorithm != ChecksumAlgorithm.Crc64Nvme;
        if (!supported)
        {
            throw new S3Exception(S3Errors.InvalidRequest, $"The {type} checksum type cannot be used with the {algorithm.S3Name()} checksum algorithm.");
        }

        return (algorithm, type);
    }

    /// <summary>
    /// base64(alg(concat(raw part checksums))) + <c>-N</c>. Every part of an upload with an algorithm
    /// carries that checksum, since UploadPart computes it when the client sends none.
    /// </summary>
    public static ChecksumValue CompositeOf(ChecksumAlgorithm algorithm, IReadOnlyList<PartRecord> parts)
    {
        using var hasher = new ChecksumHasher(algorithm);
        foreach (var part in parts)
        {
            var raw = PartChecksum(part, algorithm) ?? throw new S3Exception(S3Errors.InvalidPart,
                $"Part {part.PartNumber.ToString(CultureInfo.InvariantCulture)} has no {algorithm.S3Name()} checksum.");
            hasher.Append(raw);
        }

        var count = parts.Count.ToString(CultureInfo.InvariantCulture);
        return new ChecksumValue(algorithm, hasher.GetBase64() + "-" + count);
    }

    /// <summary>Each listed part's checksum of the upload's algorithm, kept on the object; empty unless every part has one.</summary>
    public static IReadOnlyList<ChecksumValue> PartChecksumsOf(ChecksumAlgorithm? algorithm, IReadOnlyList<PartRecord> parts)
    {
        if (algorithm is not { } a)
        {
            return [];
        }

        var result = new ChecksumValue[parts.Count];
        for (var i = 0; i < result.Length; i++)
        {
            if (parts[i].Checksums.FirstOrDefault(c => c.Algorithm == a) is not { } value)
            {
                return [];
            }

            result[i] = value;
        }

        return result;
    }

    private static string DefaultType(ChecksumAlgorithm algorithm) => algorithm == ChecksumAlgorithm.Crc64Nvme ? FullObject : Composite;

    private static byte[]? PartChecksum(PartRecord part, ChecksumAlgorithm algorithm)
    {
        foreach (var c in part.Checksums)
        {
            if (c.Algorithm == algorithm)
            {
                return ChecksumHeaders.Decode(algorithm, c.Base64);
            }
        }

        return null;
    }
}
