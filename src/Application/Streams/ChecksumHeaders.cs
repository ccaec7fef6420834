using BleepStore.Domain.Checksums;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Streams;

/// <summary>Parses the checksum request headers into <see cref="ObjectHashingOptions"/>.</summary>
internal static class ChecksumHeaders
{
    public static ObjectHashingOptions Parse(IReadOnlyDictionary<string, string> headers, long? expectedLength, long? maxSize)
    {
        var contentMd5 = Get(headers, "Content-MD5");
        ContentMd5.Parse(contentMd5);

        ChecksumValue? declared = null;
        foreach (var algorithm in ChecksumAlgorithms.All)
        {
            var value = Get(headers, algorithm.HeaderName());
            if (value is null)
            {
                continue;
            }

            if (declared is not null)
            {
                throw MultipleChecksums();
            }

            declared = new ChecksumValue(algorithm, ValidateBase64(algorithm, value, $"Value for {algorithm.HeaderName()} header is invalid."));
        }

        ChecksumAlgorithm? trailer = null;
        if (Get(headers, "x-amz-trailer") is { } trailerName)
        {
            if (!ChecksumAlgorithms.TryFromHeaderName(trailerName.Trim(), out var t))
            {
                throw new S3Exception(S3Errors.InvalidRequest, "The value specified in the x-amz-trailer header is not supported");
            }

            if (declared is not null)
            {
                throw MultipleChecksums();
            }

            trailer = t;
        }

        var compute = new List<ChecksumAlgorithm>(1);
        if (Get(headers, "x-amz-sdk-checksum-algorithm") is { } sdkAlgorithm)
        {
            if (!ChecksumAlgorithms.TryFromS3Name(sdkAlgorithm.Trim(), out var a)
                || (declared is not null && declared.Algorithm != a)
                || (trailer is not null && trailer != a))
            {
                throw new S3Exception(S3Errors.InvalidRequest, "Value for x-amz-sdk-checksum-algorithm header is invalid.");
            }

            compute.Add(a);
        }

        return new ObjectHashingOptions
        {
            ExpectedLength = expectedLength,
            MaxSize = maxSize,
            ContentMd5 = contentMd5,
            ExpectedChecksums = declared is null ? [] : [declared],
            TrailerChecksum = trailer,
            ComputeAlgorithms = compute,
        };
    }

    /// <summary>The base64 normalised, or InvalidRequest with <paramref name="message"/> when it is not a digest of the right size.</summary>
    public static string ValidateBase64(ChecksumAlgorithm algorithm, string value, string message) =>
        Convert.ToBase64String(Decode(algorithm, value) ?? throw new S3Exception(S3Errors.InvalidRequest, message));

    public static byte[]? Decode(ChecksumAlgorithm algorithm, string value)
    {
        var length = ChecksumHasher.DigestLength(algorithm);
        Span<byte> buffer = stackalloc byte[64];
        return Convert.TryFromBase64String(value.Trim(), buffer, out var written) && written == length
            ? buffer[..length].ToArray()
            : null;
    }

    private static S3Exception MultipleChecksums() =>
        new(S3Errors.InvalidRequest, "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");

    private static string? Get(IReadOnlyDictionary<string, string> headers, string name) =>
        headers.TryGetValue(name, out var v) ? v : null;
}
