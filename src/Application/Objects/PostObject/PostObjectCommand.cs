using BleepStore.Application.Access;
using BleepStore.Application.Requests;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Objects.PostObject;

/// <summary>
/// A browser-based upload (POST Object): the form fields that came before the <c>file</c> field, as sent
/// (names keep their case; S3 compares them case-insensitively), and the file part as a stream that is read
/// once, straight into the object. The Api binds the fields that become object properties (content headers,
/// metadata, ACL, tags, checksums) the way it binds PutObject's headers; the policy is judged on <see cref="Fields"/>.
/// </summary>
public sealed class PostObjectCommand : IS3Request<PostObjectResult>
{
    public required S3RequestContext Context { get; init; }

    public required string Bucket { get; init; }

    /// <summary>The form fields before the file, in order (fields after it are ignored, as S3 ignores them).</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Fields { get; init; }

    /// <summary>The file part's body; null when the form has no <c>file</c> field.</summary>
    public Stream? File { get; init; }

    /// <summary>The file part's <c>filename</c> (for <c>${filename}</c> in the key), if any.</summary>
    public string? FileName { get; init; }

    public ContentHeaders Content { get; init; } = ContentHeaders.Default;

    public IReadOnlyDictionary<string, string> UserMetadata { get; init; } = new Dictionary<string, string>();

    public AclRequest Acl { get; init; } = AclRequest.None;

    public string? StorageClass { get; init; }

    /// <summary>The <c>tagging</c> field's tags in <c>x-amz-tagging</c>'s URL query form, if any.</summary>
    public string? Tagging { get; init; }

    public IReadOnlyDictionary<string, string> ChecksumHeaders { get; init; } = new Dictionary<string, string>();
}

/// <param name="Status">200, 201 (with the PostResponse document) or 204, or 303 with <paramref name="Redirect"/>.</param>
/// <param name="Redirect">The <c>success_action_redirect</c> URL with bucket, key and etag appended (303 only).</param>
public sealed record PostObjectResult(string Bucket, string Key, string ETag, IReadOnlyList<ChecksumValue> Checksums, string? VersionId, int Status, string? Redirect)
{
    /// <summary>The file was written straight under the key's upstream name, which already matches the row (decision 0010).</summary>
    internal bool KeyInLine { get; init; }
}
