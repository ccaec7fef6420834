using BleepStore.Domain.Checksums;

namespace BleepStore.Application.Objects;

/// <summary>
/// Typed checksum requests for <c>PutObjectCommand.ChecksumHeaders</c> and <c>UploadPartCommand.ChecksumHeaders</c>,
/// which carry the <c>x-amz-checksum-*</c> headers as the HTTP layer received them. The same parser reads both,
/// so a typed request is checked exactly as a client's headers are.
/// </summary>
public static class RequestChecksums
{
    public static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    /// <summary>Compute <paramref name="algorithm"/> while the body streams and store it with the object.</summary>
    public static IReadOnlyDictionary<string, string> Compute(ChecksumAlgorithm algorithm) =>
        new Dictionary<string, string> { ["x-amz-sdk-checksum-algorithm"] = algorithm.S3Name() };

    /// <summary>
    /// Verify the body against <paramref name="expected"/> (<c>BadDigest</c> and nothing stored on a mismatch) and store it.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Expect(ChecksumValue expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        return new Dictionary<string, string>
        {
            ["x-amz-sdk-checksum-algorithm"] = expected.Algorithm.S3Name(),
            [expected.Algorithm.HeaderName()] = expected.Base64,
        };
    }

    /// <summary>As <see cref="Expect(ChecksumValue)"/>, from the raw big-endian digest.</summary>
    public static IReadOnlyDictionary<string, string> Expect(ChecksumAlgorithm algorithm, ReadOnlySpan<byte> digest) =>
        Expect(new ChecksumValue(algorithm, Convert.ToBase64String(digest)));

    /// <summary>The value for <c>ContentMd5</c> (base64, as the Content-MD5 header) from a 16-byte MD5 digest.</summary>
    public static string ContentMd5(ReadOnlySpan<byte> md5)
    {
        if (md5.Length != 16)
        {
            throw new ArgumentException("An MD5 digest is 16 bytes.", nameof(md5));
        }

        return Convert.ToBase64String(md5);
    }
}
