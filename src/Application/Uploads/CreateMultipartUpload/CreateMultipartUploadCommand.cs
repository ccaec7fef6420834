using BleepStore.Application.Access;
using BleepStore.Application.Requests;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Uploads.CreateMultipartUpload;

public sealed record CreateMultipartUploadCommand : IS3Request<CreateMultipartUploadResult>
{
    public required S3RequestContext Context { get; init; }

    public required string Bucket { get; init; }

    public required string Key { get; init; }

    /// <summary>Content headers for the final object (aws-chunked already stripped by the Api).</summary>
    public ContentHeaders Content { get; init; } = ContentHeaders.Default;

    /// <summary>User metadata by full lower-case header name (<c>x-amz-meta-…</c>).</summary>
    public IReadOnlyDictionary<string, string> UserMetadata { get; init; } = new Dictionary<string, string>();

    public AclRequest Acl { get; init; } = AclRequest.None;

    public string? StorageClass { get; init; }

    /// <summary><c>x-amz-tagging</c> as sent: the tags the object gets at Complete.</summary>
    public string? Tagging { get; init; }

    /// <summary><c>x-amz-checksum-algorithm</c> as sent (CRC32, CRC32C, CRC64NVME, SHA1, SHA256).</summary>
    public string? ChecksumAlgorithm { get; init; }

    /// <summary><c>x-amz-checksum-type</c> as sent (COMPOSITE or FULL_OBJECT).</summary>
    public string? ChecksumType { get; init; }

    /// <summary>The <c>x-amz-object-lock-*</c> headers as sent: the lock the object gets at Complete.</summary>
    public ObjectLock.ObjectLockHeaders ObjectLock { get; init; } = Application.ObjectLock.ObjectLockHeaders.None;
}

/// <param name="ChecksumAlgorithm">Echoed as <c>x-amz-checksum-algorithm</c> when set.</param>
/// <param name="ChecksumType">Echoed as <c>x-amz-checksum-type</c> when set.</param>
public sealed record CreateMultipartUploadResult(string Bucket, string Key, string UploadId, ChecksumAlgorithm? ChecksumAlgorithm, string? ChecksumType);
