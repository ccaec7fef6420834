using BleepStore.Application.Requests;

namespace BleepStore.Application.Objects;

/// <summary>What GetObject and HeadObject take alike: one validator and one read path serve both.</summary>
internal interface IObjectRead
{
    S3RequestContext Context { get; }

    string Bucket { get; }

    string Key { get; }

    string? Range { get; }

    ObjectConditions? Conditions { get; }

    IReadOnlyDictionary<string, string>? ResponseOverrides { get; }

    int? PartNumber { get; }

    string? RawPartNumber { get; }

    /// <summary>The <c>versionId</c> query value (<c>null</c> names the null version); absent = the current version.</summary>
    string? VersionId { get; }
}
