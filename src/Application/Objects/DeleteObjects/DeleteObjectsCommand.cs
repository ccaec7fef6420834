using BleepStore.Application.Requests;

namespace BleepStore.Application.Objects.DeleteObjects;

/// <param name="Document">The Delete document: 1 to 1000 keys (MalformedXML otherwise), read after the bucket is found.</param>
/// <param name="BypassGovernance"><c>x-amz-bypass-governance-retention: true</c> for every entry with a version id.</param>
public sealed record DeleteObjectsCommand(S3RequestContext Context, string Bucket, RequestDocument<DeleteObjectsDocument> Document, bool BypassGovernance = false)
    : IS3Request<DeleteObjectsResult>, IHasBody
{
    Stream IHasBody.Body { get => Document.Body; set => Document.Body = value; }

    long? IHasBody.ContentLength { get => Document.ContentLength; set => Document.ContentLength = value; }
}

/// <summary><c>Delete: Quiet?, Object*: Key, VersionId?</c>, in document order.</summary>
public sealed record DeleteObjectsDocument(IReadOnlyList<DeleteObjectsEntry> Objects, bool Quiet);

/// <param name="DeleteMarker">In a result: a delete marker was made (no VersionId sent) or removed (its id sent).</param>
/// <param name="DeleteMarkerVersionId">In a result: the marker's version id.</param>
public sealed record DeleteObjectsEntry(string Key, string? VersionId = null, bool DeleteMarker = false, string? DeleteMarkerVersionId = null);

public sealed record DeleteObjectsResult(bool Quiet, IReadOnlyList<DeleteObjectsEntry> Deleted, IReadOnlyList<DeleteObjectsError> Errors);

public sealed record DeleteObjectsError(string Key, string Code, string Message)
{
    public string? VersionId { get; init; }
}
