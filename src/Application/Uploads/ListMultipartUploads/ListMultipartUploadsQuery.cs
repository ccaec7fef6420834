using BleepStore.Application.Requests;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Uploads;

namespace BleepStore.Application.Uploads.ListMultipartUploads;

/// <param name="MaxUploads">The <c>max-uploads</c> value; null → 1000; above 1000 → 1000; negative → 400.</param>
/// <param name="EncodingType">Only <c>url</c> is valid; the Api encodes Key, Prefix, Delimiter, KeyMarker, NextKeyMarker and CommonPrefixes.</param>
/// <param name="RawMaxUploads">The <c>max-uploads</c> query value as sent, when it came over HTTP: set with a null <paramref name="MaxUploads"/> it means "not an integer" (400).</param>
public sealed record ListMultipartUploadsQuery(
    S3RequestContext Context,
    string Bucket,
    string? Prefix = null,
    string? Delimiter = null,
    string? KeyMarker = null,
    string? UploadIdMarker = null,
    int? MaxUploads = null,
    string? EncodingType = null,
    string? RawMaxUploads = null) : IS3Request<ListMultipartUploadsResult>;

/// <param name="NextKeyMarker">Only when truncated: the last upload's key, or the last common prefix.</param>
/// <param name="NextUploadIdMarker">Only when truncated and the page ends with an upload.</param>
public sealed record ListMultipartUploadsResult(
    ListMultipartUploadsQuery Query,
    Bucket Bucket,
    int MaxUploads,
    IReadOnlyList<MultipartUpload> Uploads,
    IReadOnlyList<string> CommonPrefixes,
    bool IsTruncated,
    string? NextKeyMarker,
    string? NextUploadIdMarker);
