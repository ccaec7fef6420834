namespace BleepStore.Application.Objects;

/// <summary>The four conditional headers of GET/HEAD (or their copy-source twins), as sent.</summary>
public sealed record ObjectConditions(
    string? IfMatch = null,
    string? IfNoneMatch = null,
    string? IfModifiedSince = null,
    string? IfUnmodifiedSince = null)
{
    public static readonly ObjectConditions None = new();

    /// <summary>
    /// Typed conditions for an embedder: ETags with or without their quotes (<c>*</c> matches any), dates as
    /// instants (S3 compares them in whole seconds). Rendered as the headers would be, so they are evaluated
    /// exactly as a client's.
    /// </summary>
    public static ObjectConditions Of(string? ifMatch = null, string? ifNoneMatch = null, DateTimeOffset? ifModifiedSince = null, DateTimeOffset? ifUnmodifiedSince = null) => new(
        Quote(ifMatch),
        Quote(ifNoneMatch),
        ifModifiedSince?.UtcDateTime.ToString("r", System.Globalization.CultureInfo.InvariantCulture),
        ifUnmodifiedSince?.UtcDateTime.ToString("r", System.Globalization.CultureInfo.InvariantCulture));

    private static string? Quote(string? etag) =>
        etag is null or "*" || (etag.Length >= 2 && etag[0] == '"' && etag[^1] == '"') ? etag : $"\"{etag}\"";
}
