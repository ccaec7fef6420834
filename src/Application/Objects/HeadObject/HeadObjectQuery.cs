using BleepStore.Application.Requests;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Objects.HeadObject;

/// <summary>GetObject without the body: the same parameters, checks and errors (S3 sends HEAD errors without a body).</summary>
public sealed record HeadObjectQuery(
    S3RequestContext Context,
    string Bucket,
    string Key,
    string? Range = null,
    ObjectConditions? Conditions = null,
    IReadOnlyDictionary<string, string>? ResponseOverrides = null,
    int? PartNumber = null,
    string? RawPartNumber = null,
    string? VersionId = null) : IObjectRead, IS3Request<HeadObjectResult>;

public sealed record HeadObjectResult(ObjectRecord Object, ByteRange? Range, bool NotModified, IReadOnlyDictionary<string, string>? ResponseOverrides)
{
    /// <summary>The bucket has ever had versioning: the response names the version (<c>x-amz-version-id</c>).</summary>
    public bool Versioned { get; init; }

    /// <summary><c>x-amz-expiration</c> when a lifecycle Expiration rule applies to this current object (docs/lifecycle.md).</summary>
    public string? Expiration { get; init; }
}
