using System.Diagnostics;
using BleepStore.Api.Http;

namespace BleepStore.Api.Observability;

/// <summary>
/// Records every request except <c>/metrics</c> itself: count, duration and body sizes by method,
/// path shape and status, and bytes by S3 operation. Sizes come from Content-Length (streamed GETs always set it).
/// With the admin API on (<paramref name="adminApi"/>), its requests are labelled <c>/admin</c>, not as S3 paths.
/// </summary>
internal sealed class HttpMetricsMiddleware(RequestDelegate next, HttpMetrics metrics, bool adminApi = false)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path == "/metrics")
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            var request = context.Request;
            var response = context.Response;
            metrics.RecordHttp(
                request.Method,
                adminApi && Admin.AdminEndpoints.IsAdminPath(context.Request.Path) ? "/admin" : HttpMetrics.PathLabel(path),
                response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalSeconds,
                request.ContentLength ?? 0,
                HttpMethods.IsHead(request.Method) ? 0 : response.ContentLength ?? 0,
                context.Features.Get<RequestIdentity>()?.Operation);
        }
    }
}
