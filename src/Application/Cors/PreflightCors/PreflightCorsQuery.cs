using BleepStore.Application.Requests;

namespace BleepStore.Application.Cors.PreflightCors;

/// <summary>
/// An <c>OPTIONS</c> preflight: answered without authentication (a browser sends no credentials with it).
/// </summary>
/// <param name="Key">The object key, or null for the bucket itself (S3 names the resource type in its 403).</param>
/// <param name="Origin">The <c>Origin</c> header, as sent.</param>
/// <param name="Method">The <c>Access-Control-Request-Method</c> header, as sent.</param>
/// <param name="RequestHeaders">The <c>Access-Control-Request-Headers</c> header, as sent.</param>
public sealed record PreflightCorsQuery(S3RequestContext Context, string Bucket, string? Key, string? Origin, string? Method, string? RequestHeaders)
    : IS3Request<CorsAnswer>
{
    public string ResourceType => Key is null ? "BUCKET" : "OBJECT";
}
