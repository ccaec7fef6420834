using BleepStore.Application.Access;
using BleepStore.Application.Requests;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Objects.CopyObject;

public sealed record CopyObjectCommand : IS3Request<CopyObjectResult>
{
    public required S3RequestContext Context { get; init; }

    public required string Bucket { get; init; }

    public required string Key { get; init; }

    /// <summary>The <c>x-amz-copy-source</c> header as sent: <c>[/]bucket/key[?versionId=…]</c>, URL-encoded.</summary>
    public required string CopySource { get; init; }

    /// <summary>The four <c>x-amz-copy-source-if-*</c> headers.</summary>
    public ObjectConditions SourceConditions { get; init; } = ObjectConditions.None;

    /// <summary><c>COPY</c> (default) or <c>REPLACE</c>; anything else → InvalidArgument (validator).</summary>
    public string? MetadataDirective { get; init; }

    /// <summary><c>x-amz-tagging-directive</c>: <c>COPY</c> (default) or <c>REPLACE</c>; anything else → InvalidArgument (validator).</summary>
    public string? TaggingDirective { get; init; }

    /// <summary>Used with REPLACE.</summary>
    public ContentHeaders Content { get; init; } = ContentHeaders.Default;

    /// <summary>Used with REPLACE.</summary>
    public IReadOnlyDictionary<string, string> UserMetadata { get; init; } = new Dictionary<string, string>();

    public AclRequest Acl { get; init; } = AclRequest.None;

    public string? StorageClass { get; init; }

    /// <summary><c>x-amz-tagging</c> as sent; used with a REPLACE tagging directive (with COPY the source's tags are kept).</summary>
    public string? Tagging { get; init; }

    public string? IfNoneMatch { get; init; }

    public string? IfMatch { get; init; }

    /// <summary>The <c>x-amz-object-lock-*</c> headers as sent: the copy's lock (the source's is never copied, as in S3).</summary>
    public ObjectLock.ObjectLockHeaders ObjectLock { get; init; } = Application.ObjectLock.ObjectLockHeaders.None;
}

/// <param name="VersionId">The version made in a bucket that has ever had versioning.</param>
/// <param name="SourceVersionId">The source version copied, when the source bucket has ever had versioning.</param>
public sealed record CopyObjectResult(string ETag, DateTimeOffset LastModified, string? VersionId = null, string? SourceVersionId = null)
{
    /// <summary>The bytes were copied straight under the key's upstream name and the name already matches the row (decision 0010).</summary>
    internal bool KeyInLine { get; init; }
}
