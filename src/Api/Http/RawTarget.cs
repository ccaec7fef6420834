using Microsoft.AspNetCore.Http.Features;

namespace BleepStore.Api.Http;

/// <summary>
/// The request target exactly as received (percent-encoded), split into path and query (without
/// <c>?</c>). Routing and SigV4 both need the undecoded form; the framework's Path is decoded.
/// </summary>
internal readonly record struct RawTarget(string Path, string Query)
{
    public static RawTarget Of(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw == "*")
        {
            // Hosts without a raw target (some test servers): rebuild it from the escaped parts.
            var request = context.Request;
            var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
            return new RawTarget((request.PathBase + request.Path).ToUriComponent() is { Length: > 0 } p ? p : "/", query);
        }

        if (raw[0] != '/')
        {
            // Absolute form (http://host/path?query): keep from the path on.
            var schemeEnd = raw.IndexOf("://", StringComparison.Ordinal);
            var pathStart = schemeEnd < 0 ? -1 : raw.IndexOf('/', schemeEnd + 3);
            raw = pathStart < 0 ? "/" : raw[pathStart..];
        }

        var q = raw.IndexOf('?');
        return q < 0 ? new RawTarget(raw, "") : new RawTarget(raw[..q], raw[(q + 1)..]);
    }
}
