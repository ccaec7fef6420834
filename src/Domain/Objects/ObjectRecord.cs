using BleepStore.Domain.Access;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Tagging;

namespace BleepStore.Domain.Objects;

/// <summary>
/// The metadata row of one object. <see cref="BlobId"/> names the bytes in the storage backend:
/// every write gets a new blob, so an overwrite is one metadata commit and never touches the bytes
/// a concurrent reader holds.
/// </summary>
public sealed record ObjectRecord
{
    public required string Bucket { get; init; }

    public required string Key { get; init; }

    public required long Size { get; init; }

    /// <summary>Quoted ETag, e.g. <c>"d41d8cd98f00b204e9800998ecf8427e"</c>.</summary>
    public required string ETag { get; init; }

    public required ContentHeaders Content { get; init; }

    public string StorageClass { get; init; } = "STANDARD";

    public required AccessControlList Acl { get; init; }

    /// <summary>User metadata with full lower-case header names (<c>x-amz-meta-author</c>), values verbatim.</summary>
    public IReadOnlyDictionary<string, string> UserMetadata { get; init; } = new Dictionary<string, string>();

    public required DateTimeOffset LastModified { get; init; }

    /// <summary>The blob holding the bytes; empty when the bytes are <see cref="InlineData"/>.</summary>
    public required string BlobId { get; init; }

    /// <summary>
    /// Small objects live in the metadata row itself: one durable commit instead of a file fsync,
    /// a rename, a directory fsync and a commit (issue 5).
    /// </summary>
    public byte[]? InlineData { get; init; }

    public IReadOnlyList<ChecksumValue> Checksums { get; init; } = [];

    /// <summary>Number of parts for a multipart object; 0 for a single PUT.</summary>
    public int PartsCount { get; init; }

    /// <summary>Sizes of the parts of a multipart object, in order (empty for a single PUT).</summary>
    public IReadOnlyList<long> PartSizes { get; init; } = [];

    /// <summary>
    /// The checksum of each part, in order, when the upload chose an algorithm (empty otherwise and for a single PUT):
    /// GetObjectAttributes' ObjectParts and GET/HEAD <c>partNumber</c> with checksum mode show them.
    /// </summary>
    public IReadOnlyList<ChecksumValue> PartChecksums { get; init; } = [];

    /// <summary>The object's tag set in key order (empty when untagged); its count is GET's <c>x-amz-tagging-count</c>.</summary>
    public IReadOnlyList<Tag> Tags { get; init; } = TagSet.Empty;

    /// <summary>The version id; null for the <c>null</c> version (every object of a bucket that never had versioning).</summary>
    public string? VersionId { get; init; }

    /// <summary>True for a delete marker (versioned buckets): no bytes, no content.</summary>
    public bool IsDeleteMarker { get; init; }

    /// <summary>Object lock retention of this version (mode and retain-until date); null when it has none.</summary>
    public ObjectRetention? Retention { get; init; }

    /// <summary>Object lock legal hold: true ON, false OFF (set, then lifted), null never set.</summary>
    public bool? LegalHold { get; init; }
}
