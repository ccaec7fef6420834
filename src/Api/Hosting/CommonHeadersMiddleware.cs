using System.Diagnostics;
using BleepStore.Api.Http;

namespace BleepStore.Api.Hosting;

/// <summary>
/// Outermost middleware: request ids and the headers every response carries (spec 50), a last-resort
/// error answer, and one log line per request (spec 70; infra paths skipped, no query, no headers).
/// </summary>
internal sealed partial class CommonHeadersMiddleware(RequestDelegate next, ErrorResponder errors, ILogger<CommonHeadersMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var identity = RequestIdentity.Of(context);
        var headers = context.Response.Headers;
        headers["x-amz-request-id"] = identity.RequestId;
        headers["x-amz-id-2"] = identity.HostId;
        headers.Date = HttpDates.Now();
        headers.Server = "BleepStore";
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await errors.WriteAsync(context, e).ConfigureAwait(false);
        }
        finally
        {
            if (!InfraEndpoints.IsInfraPath(context.Request.Path) && logger.IsEnabled(LogLevel.Information))
            {
                var ms = Stopwatch.GetElapsedTime(identity.StartTimestamp).TotalMilliseconds;
                LogRequest(logger, context.Request.Method, RawTarget.Of(context).Path, context.Response.StatusCode, Math.Round(ms, 2), identity.RequestId);
            }
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "{method} {path} {status} {duration_ms}ms {request_id}")]
    private static partial void LogRequest(ILogger logger, string method, string path, int status, double duration_ms, string request_id);
}
