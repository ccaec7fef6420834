using BleepStore.Application.Requests;
using BleepStore.Domain.Checksums;

namespace BleepStore.Application.Uploads.CompleteMultipartUpload;

public sealed record CompleteMultipartUploadCommand : IS3Request<CompleteMultipartUploadResult>, IHasBody
{
    public required S3RequestContext Context { get; init; }

    public required string Bucket { get; init; }

    public required string Key { get; init; }

    /// <summary>The <c>uploadId</c> query value; empty → InvalidArgument.</summary>
    public required string UploadId { get; init; }

    /// <summary>
    /// The parts of the CompleteMultipartUpload document, in document order, read after NoSuchBucket and
    /// NoSuchUpload as spec 30 orders them. The parser yields an empty list when the XML does not parse
    /// or a Part lacks PartNumber/ETag, so MalformedXML is raised here.
    /// </summary>
    public required RequestDocument<IReadOnlyList<(int PartNumber, string ETag)>> Parts { get; init; }

    /// <summary><c>If-None-Match</c> as sent: only <c>*</c> is meaningful.</summary>
    public string? IfNoneMatch { get; init; }

    public string? IfMatch { get; init; }

    Stream IHasBody.Body { get => Parts.Body; set => Parts.Body = value; }

    long? IHasBody.ContentLength { get => Parts.ContentLength; set => Parts.ContentLength = value; }
}

/// <param name="ETag">Quoted composite ETag, e.g. <c>"3858f62230ac3c915f300c664312c11f-9"</c>.</param>
/// <param name="Checksum">The object checksum when the upload chose an algorithm (COMPOSITE values end in <c>-N</c>).</param>
/// <param name="ChecksumType"><c>COMPOSITE</c> or <c>FULL_OBJECT</c> with <paramref name="Checksum"/>.</param>
public sealed record CompleteMultipartUploadResult(string Bucket, string Key, string ETag, ChecksumValue? Checksum, string? ChecksumType)
{
    /// <summary>The version made, when the bucket has ever had versioning (<c>x-amz-version-id</c>).</summary>
    public string? VersionId { get; init; }

    /// <summary>The parts were joined straight under the key's upstream name, which already matches the row (decision 0010).</summary>
    internal bool KeyInLine { get; init; }
}
