namespace BleepStore.Application.Objects.GetObjectAttributes;

/// <summary>
/// GetObjectAttributes' <c>ObjectParts</c> of a multipart object. As S3 answers (general purpose buckets): an object
/// whose checksum is COMPOSITE lists its parts, paged like ListParts, each with its checksum; any other multipart
/// object (a FULL_OBJECT checksum, or none) gives only its part count (<see cref="Listed"/> false).
/// </summary>
/// <param name="NextPartNumberMarker">The last part of this page; 0 when the page is empty (S3 sends it either way).</param>
public sealed record ObjectPartsPage(
    int PartsCount,
    bool Listed,
    int PartNumberMarker = 0,
    int NextPartNumberMarker = 0,
    int MaxParts = 0,
    bool IsTruncated = false,
    IReadOnlyList<ObjectPartEntry>? Parts = null);
