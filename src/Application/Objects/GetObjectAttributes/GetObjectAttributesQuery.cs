using BleepStore.Application.Requests;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Objects.GetObjectAttributes;

/// <param name="Attributes">The <c>x-amz-object-attributes</c> header as sent: a comma list of ETag, Checksum, ObjectParts, StorageClass, ObjectSize.</param>
/// <param name="MaxParts"><c>x-amz-max-parts</c>: parts per page of ObjectParts (null → 1000; above 1000 → 1000).</param>
/// <param name="PartNumberMarker"><c>x-amz-part-number-marker</c>: ObjectParts lists the parts after it.</param>
/// <param name="RawMaxParts">The <c>x-amz-max-parts</c> header as sent, when it did not parse.</param>
/// <param name="RawPartNumberMarker">The <c>x-amz-part-number-marker</c> header as sent, when it did not parse.</param>
/// <param name="VersionId">The <c>versionId</c> to describe; null = the current version.</param>
public sealed record GetObjectAttributesQuery(
    S3RequestContext Context,
    string Bucket,
    string Key,
    string? Attributes,
    int? MaxParts = null,
    int? PartNumberMarker = null,
    string? RawMaxParts = null,
    string? RawPartNumberMarker = null,
    string? VersionId = null) : IS3Request<GetObjectAttributesResult>;

/// <summary>Which attributes were asked for, and the object they describe.</summary>
/// <param name="Checksums">The object's checksums as GetObjectAttributes writes them: a COMPOSITE one without its <c>-N</c>.</param>
/// <param name="Parts">ObjectParts: null for an object from a single PUT, or when not asked for (no element).</param>
public sealed record GetObjectAttributesResult(
    ObjectRecord Object,
    bool ETag,
    bool Checksum,
    bool StorageClass,
    bool ObjectSize,
    IReadOnlyList<ChecksumValue> Checksums,
    ObjectPartsPage? Parts)
{
    /// <summary>Whether the bucket has ever had versioning: then the answer carries <c>x-amz-version-id</c>.</summary>
    public bool Versioned { get; init; }
}
