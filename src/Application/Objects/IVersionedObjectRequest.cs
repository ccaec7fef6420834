using BleepStore.Application.Validation;

namespace BleepStore.Application.Objects;

/// <summary>An object sub-resource call that may name one version (<c>?versionId=</c>, decision 0014).</summary>
internal interface IVersionedObjectRequest
{
    /// <summary>The <c>versionId</c> query value; null = the current version.</summary>
    string? VersionId { get; }
}

/// <summary>A malformed <c>versionId</c> is InvalidArgument before any lookup; a request without one has nothing to check.</summary>
internal abstract class VersionIdValidator<T> : S3Validator<T>
    where T : IVersionedObjectRequest
{
    protected VersionIdValidator()
    {
        RuleFor(r => r.VersionId).IsVersionId();
    }

    public override bool HasInput(T request) => request.VersionId is not null;
}
