using BleepStore.Domain.Access;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Tagging;

namespace BleepStore.Domain.Uploads;

/// <summary>An open multipart upload: what the final object will carry, captured at Create.</summary>
public sealed record MultipartUpload
{
    public required string UploadId { get; init; }

    public required string Bucket { get; init; }

    public required string Key { get; init; }

    public required ContentHeaders Content { get; init; }

    public string StorageClass { get; init; } = "STANDARD";

    public required AccessControlList Acl { get; init; }

    public IReadOnlyDictionary<string, string> UserMetadata { get; init; } = new Dictionary<string, string>();

    public required Owner Initiator { get; init; }

    public required DateTimeOffset Initiated { get; init; }

    public ChecksumAlgorithm? ChecksumAlgorithm { get; init; }

    /// <summary><c>COMPOSITE</c> or <c>FULL_OBJECT</c> when a checksum algorithm was chosen.</summary>
    public string? ChecksumType { get; init; }

    /// <summary>The tags the object gets at Complete (<c>x-amz-tagging</c> of Create).</summary>
    public IReadOnlyList<Tag> Tags { get; init; } = TagSet.Empty;

    /// <summary>Object lock retention the object gets at Complete (<c>x-amz-object-lock-mode</c>/<c>-retain-until-date</c> of Create, or the bucket's default).</summary>
    public Objects.ObjectRetention? Retention { get; init; }

    /// <summary>Object lock legal hold the object gets at Complete (<c>x-amz-object-lock-legal-hold</c> of Create); null when not sent.</summary>
    public bool? LegalHold { get; init; }
}
