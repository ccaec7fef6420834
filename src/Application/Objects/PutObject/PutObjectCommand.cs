using BleepStore.Application.Access;
using BleepStore.Application.Requests;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Objects.PutObject;

public sealed class PutObjectCommand : IS3Request<PutObjectResult>, IStreamingBody
{
    public required S3RequestContext Context { get; init; }

    public required string Bucket { get; init; }

    public required string Key { get; init; }

    public required Stream Body { get; set; }

    /// <summary>Decoded payload length; null when the client sent none (MissingContentLength).</summary>
    public long? ContentLength { get; set; }

    /// <summary>The Content-MD5 header as sent (base64), if any.</summary>
    public string? ContentMd5 { get; init; }

    public ContentHeaders Content { get; init; } = ContentHeaders.Default;

    /// <summary>User metadata by full lower-case header name (<c>x-amz-meta-…</c>).</summary>
    public IReadOnlyDictionary<string, string> UserMetadata { get; init; } = new Dictionary<string, string>();

    public AclRequest Acl { get; init; } = AclRequest.None;

    public string? StorageClass { get; init; }

    /// <summary><c>x-amz-tagging</c> as sent (URL query form), if any.</summary>
    public string? Tagging { get; init; }

    /// <summary><c>If-None-Match</c> as sent: only <c>*</c> is meaningful on a PUT.</summary>
    public string? IfNoneMatch { get; init; }

    public string? IfMatch { get; init; }

    /// <summary>
    /// The checksum-related headers as sent (<c>x-amz-checksum-*</c>, <c>x-amz-sdk-checksum-algorithm</c>,
    /// <c>x-amz-checksum-algorithm</c>, <c>x-amz-trailer</c>), by lower-case name.
    /// </summary>
    public IReadOnlyDictionary<string, string> ChecksumHeaders { get; init; } = new Dictionary<string, string>();

    /// <summary>The <c>x-amz-object-lock-*</c> headers as sent.</summary>
    public ObjectLock.ObjectLockHeaders ObjectLock { get; init; } = Application.ObjectLock.ObjectLockHeaders.None;
}

/// <param name="VersionId">The version made, when the bucket has ever had versioning (<c>null</c> for the null version).</param>
public sealed record PutObjectResult(string ETag, IReadOnlyList<ChecksumValue> Checksums, string? VersionId = null)
{
    /// <summary><c>x-amz-expiration</c> when a lifecycle Expiration rule applies to the new object (docs/lifecycle.md).</summary>
    public string? Expiration { get; init; }

    /// <summary>The body was written straight under the key's upstream name and the name already matches the row (decision 0010).</summary>
    internal bool KeyInLine { get; init; }
}
