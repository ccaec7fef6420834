namespace BleepStore.Domain.Cors;

/// <summary>
/// One <c>CORSRule</c> of a bucket's CORS configuration, as S3 stores it: the elements in the order they
/// were sent (GetBucketCors gives them back that way).
/// </summary>
public sealed record CorsRule(
    string? Id,
    IReadOnlyList<string> AllowedMethods,
    IReadOnlyList<string> AllowedOrigins,
    IReadOnlyList<string> AllowedHeaders,
    IReadOnlyList<string> ExposeHeaders,
    int? MaxAgeSeconds);
