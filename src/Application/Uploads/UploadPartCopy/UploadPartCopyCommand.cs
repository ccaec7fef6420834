using BleepStore.Application.Objects;
using BleepStore.Application.Requests;
using BleepStore.Domain.Checksums;

namespace BleepStore.Application.Uploads.UploadPartCopy;

public sealed record UploadPartCopyCommand : IS3Request<UploadPartCopyResult>
{
    public required S3RequestContext Context { get; init; }

    public required string Bucket { get; init; }

    public required string Key { get; init; }

    public required string UploadId { get; init; }

    /// <summary>The <c>partNumber</c> query value, 1–10000; the Api binds a missing or non-integer value as 0 (→ InvalidArgument).</summary>
    public required int PartNumber { get; init; }

    /// <summary>The <c>partNumber</c> query value as sent, when it came over HTTP: echoed in the error for a bad one.</summary>
    public string? RawPartNumber { get; init; }

    /// <summary>The <c>x-amz-copy-source</c> header as sent: <c>[/]bucket/key[?versionId=…]</c>, URL-encoded.</summary>
    public required string CopySource { get; init; }

    /// <summary>The <c>x-amz-copy-source-range</c> header as sent (<c>bytes=first-last</c>); null copies the whole source.</summary>
    public string? CopySourceRange { get; init; }

    /// <summary>The four <c>x-amz-copy-source-if-*</c> headers.</summary>
    public ObjectConditions SourceConditions { get; init; } = ObjectConditions.None;
}

/// <param name="Checksums">Checksums computed for the part (the upload's algorithm, if any): optional <c>Checksum*</c> elements of CopyPartResult.</param>
public sealed record UploadPartCopyResult(string ETag, DateTimeOffset LastModified, IReadOnlyList<ChecksumValue> Checksums);
