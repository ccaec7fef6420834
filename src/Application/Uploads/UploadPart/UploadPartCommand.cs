using BleepStore.Application.Requests;
using BleepStore.Domain.Checksums;

namespace BleepStore.Application.Uploads.UploadPart;

public sealed class UploadPartCommand : IS3Request<UploadPartResult>, IStreamingBody
{
    public required S3RequestContext Context { get; init; }

    public required string Bucket { get; init; }

    public required string Key { get; init; }

    public required string UploadId { get; init; }

    /// <summary>The <c>partNumber</c> query value, 1–10000; the Api binds a missing or non-integer value as 0 (→ InvalidArgument).</summary>
    public required int PartNumber { get; init; }

    /// <summary>The <c>partNumber</c> query value as sent, when it came over HTTP: echoed in the error for a bad one.</summary>
    public string? RawPartNumber { get; init; }

    public required Stream Body { get; set; }

    /// <summary>Decoded payload length; null when the client sent none (MissingContentLength).</summary>
    public long? ContentLength { get; set; }

    /// <summary>The Content-MD5 header as sent (base64), if any.</summary>
    public string? ContentMd5 { get; init; }

    /// <summary>
    /// The checksum-related headers as sent (<c>x-amz-checksum-*</c>, <c>x-amz-sdk-checksum-algorithm</c>,
    /// <c>x-amz-trailer</c>), by lower-case name.
    /// </summary>
    public IReadOnlyDictionary<string, string> ChecksumHeaders { get; init; } = new Dictionary<string, string>();
}

/// <param name="Checksums">Every checksum computed for the part, for the <c>x-amz-checksum-*</c> response headers.</param>
public sealed record UploadPartResult(string ETag, IReadOnlyList<ChecksumValue> Checksums);
