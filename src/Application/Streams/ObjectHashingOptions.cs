using BleepStore.Domain.Checksums;

namespace BleepStore.Application.Streams;

/// <summary>What <see cref="ObjectHashingStream"/> checks besides computing the MD5.</summary>
internal sealed class ObjectHashingOptions
{
    public static readonly ObjectHashingOptions None = new();

    /// <summary>The declared body length; fewer or more bytes → 400 IncompleteBody. Null = unknown.</summary>
    public long? ExpectedLength { get; init; }

    /// <summary>More bytes than this → 400 EntityTooLarge, raised while streaming.</summary>
    public long? MaxSize { get; init; }

    /// <summary>The <c>Content-MD5</c> header as sent; validated when the stream is made (InvalidDigest), compared at EOF (BadDigest).</summary>
    public string? ContentMd5 { get; init; }

    /// <summary>Checksums the client sent in <c>x-amz-checksum-*</c> headers; mismatch at EOF → 400 BadDigest.</summary>
    public IReadOnlyList<ChecksumValue> ExpectedChecksums { get; init; } = [];

    /// <summary>A checksum whose expected value arrives as an aws-chunked trailer (<c>x-amz-trailer</c>).</summary>
    public ChecksumAlgorithm? TrailerChecksum { get; init; }

    /// <summary>Further algorithms to compute without an expected value (e.g. <c>x-amz-sdk-checksum-algorithm</c>).</summary>
    public IReadOnlyList<ChecksumAlgorithm> ComputeAlgorithms { get; init; } = [];

    /// <summary>
    /// Reads <c>Content-MD5</c>, <c>x-amz-checksum-*</c>, <c>x-amz-sdk-checksum-algorithm</c> and
    /// <c>x-amz-trailer</c> (names case-insensitive). Throws InvalidDigest / InvalidRequest as S3 does.
    /// </summary>
    /// <summary>
    /// The options for an object body from a command's checksum headers (any casing) and its Content-MD5:
    /// the one place PutObject and UploadPart turn request headers into digest checks.
    /// </summary>
    public static ObjectHashingOptions FromRequest(IReadOnlyDictionary<string, string> checksumHeaders, string? contentMd5, long? expectedLength, long? maxSize)
    {
        var headers = new Dictionary<string, string>(checksumHeaders, StringComparer.OrdinalIgnoreCase);
        if (contentMd5 is not null)
        {
            headers["Content-MD5"] = contentMd5;
        }

        return FromHeaders(headers, expectedLength, maxSize);
    }

    public static ObjectHashingOptions FromHeaders(IReadOnlyDictionary<string, string> headers, long? expectedLength = null, long? maxSize = null) =>
        ChecksumHeaders.Parse(headers, expectedLength, maxSize);
}
