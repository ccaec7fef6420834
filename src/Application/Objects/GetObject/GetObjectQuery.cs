using BleepStore.Application.Requests;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Objects.GetObject;

/// <param name="Range">The Range header as sent.</param>
/// <param name="ResponseOverrides">response-content-type and friends, by header name (Content-Type…).</param>
/// <param name="PartNumber">The <c>partNumber</c> query value: read only that part of a multipart object (1–10000).</param>
/// <param name="RawPartNumber">The <c>partNumber</c> query value as sent, when it came over HTTP: set with a null <paramref name="PartNumber"/> it means "not an integer" (400).</param>
public sealed record GetObjectQuery(
    S3RequestContext Context,
    string Bucket,
    string Key,
    string? Range = null,
    ObjectConditions? Conditions = null,
    IReadOnlyDictionary<string, string>? ResponseOverrides = null,
    int? PartNumber = null,
    string? RawPartNumber = null,
    string? VersionId = null) : IObjectRead, IS3Request<GetObjectResult>;

/// <summary>
/// The object and, unless <see cref="NotModified"/>, an open body stream the caller must dispose.
/// <see cref="Range"/> is set for a 206.
/// </summary>
public sealed record GetObjectResult(ObjectRecord Object, Stream? Body, ByteRange? Range, bool NotModified, IReadOnlyDictionary<string, string>? ResponseOverrides)
{
    /// <summary>The bucket has ever had versioning: the response names the version (<c>x-amz-version-id</c>).</summary>
    public bool Versioned { get; init; }

    /// <summary><c>x-amz-expiration</c> when a lifecycle Expiration rule applies to this current object (docs/lifecycle.md).</summary>
    public string? Expiration { get; init; }
}
