using BleepStore.Application.Requests;
using BleepStore.Domain.Uploads;

namespace BleepStore.Application.Uploads.ListParts;

/// <param name="MaxParts">The <c>max-parts</c> value; null → 1000; clamped to 0–1000.</param>
/// <param name="PartNumberMarker">The <c>part-number-marker</c> value; null → 0; parts with higher numbers are listed.</param>
/// <param name="RawMaxParts">The <c>max-parts</c> query value as sent, when it came over HTTP: set with a null <paramref name="MaxParts"/> it means "not an integer" (400).</param>
/// <param name="RawPartNumberMarker">The same for <c>part-number-marker</c>.</param>
public sealed record ListPartsQuery(
    S3RequestContext Context,
    string Bucket,
    string Key,
    string UploadId,
    int? MaxParts = null,
    int? PartNumberMarker = null,
    string? RawMaxParts = null,
    string? RawPartNumberMarker = null) : IS3Request<ListPartsResult>;

/// <param name="Upload">Initiator, owner (the upload ACL's owner), storage class and checksum algorithm/type for the document.</param>
/// <param name="Parts">PartNumber, LastModified, ETag, Size and checksums of each part, ascending.</param>
/// <param name="NextPartNumberMarker">The last listed part number, only when truncated.</param>
public sealed record ListPartsResult(
    MultipartUpload Upload,
    IReadOnlyList<PartRecord> Parts,
    int MaxParts,
    int PartNumberMarker,
    bool IsTruncated,
    int? NextPartNumberMarker);
