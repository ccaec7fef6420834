using BleepStore.Application.Cors;

namespace BleepStore.Api.Http;

/// <summary>The response headers S3 sends for a request a CORS rule allows (preflight or actual).</summary>
internal static class CorsHeaders
{
    public const string Vary = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";

    public static void Apply(HttpResponse response, CorsAnswer answer)
    {
        var headers = response.Headers;
        headers.AccessControlAllowOrigin = answer.AllowOrigin;
        headers.AccessControlAllowMethods = string.Join(", ", answer.Rule.AllowedMethods);
        if (answer.AllowHeaders is { } allowHeaders)
        {
            headers.AccessControlAllowHeaders = allowHeaders;
        }

        if (answer.Rule.ExposeHeaders.Count > 0)
        {
            headers.AccessControlExposeHeaders = string.Join(", ", answer.Rule.ExposeHeaders);
        }

        if (answer.Rule.MaxAgeSeconds is { } maxAge)
        {
            headers.AccessControlMaxAge = maxAge.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (answer.AllowCredentials)
        {
            headers.AccessControlAllowCredentials = "true";
        }

        headers.Vary = Vary;
    }
}
