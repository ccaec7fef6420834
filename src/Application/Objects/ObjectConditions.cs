namespace BleepStore.Application.Objects;

/// <summary>The four conditional headers of GET/HEAD (or their copy-source twins), as sent.</summary>
public sealed record ObjectConditions(
    string? IfMatch = null,
    string? IfNoneMatch = null,
    string? IfModifiedSince = null,
    string? IfUnmodifiedSince = null)
{
    public static readonly ObjectConditions None = new();
}
