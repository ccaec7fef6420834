namespace BleepStore.Domain.Objects;

/// <summary>The standard entity headers S3 stores with an object and returns on GET/HEAD.</summary>
public sealed record ContentHeaders(
    string ContentType,
    string? ContentEncoding = null,
    string? ContentLanguage = null,
    string? ContentDisposition = null,
    string? CacheControl = null,
    string? Expires = null)
{
    public const string DefaultContentType = "application/octet-stream";

    public static readonly ContentHeaders Default = new(DefaultContentType);
}
