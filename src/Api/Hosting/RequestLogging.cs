using System.Diagnostics;
using BleepStore.Api.Http;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Hosting;

namespace BleepStore.Api.Hosting;

/// <summary>
/// One line per request through Serilog.AspNetCore's request logging (spec 70): method, path (never the query,
/// where presigned requests carry their signature and credential), status, duration, request id, S3 operation,
/// body bytes in and out, the caller's access key id (never a secret or signature) and the remote address.
/// Requests to <c>/metrics</c> and the health endpoints are not logged.
/// </summary>
internal static class RequestLogging
{
    public const string SkipProperty = "skip_request_log";

    public const string Template =
        "{method} {path} {status} {duration_ms}ms {request_id} {operation} in={bytes_in} out={bytes_out} key={access_key_id} from={remote_addr}";

    /// <summary>The diagnostic context the middleware writes through (registered before the app is built).</summary>
    public static void AddRequestLogging(this IServiceCollection services, Serilog.ILogger? logger) =>
        services.AddSingleton(new DiagnosticContext(logger));

    public static void Use(WebApplication app, Serilog.ILogger? logger)
    {
        app.UseSerilogRequestLogging(o =>
        {
            o.Logger = logger;
            o.MessageTemplate = Template;
            o.GetLevel = static (_, _, _) => LogEventLevel.Information;
            o.EnrichDiagnosticContext = Enrich;
            o.IncludeQueryInRequestPath = false;
        });
    }

    private static void Enrich(IDiagnosticContext diagnostics, HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (path is "/metrics" or "/health" or "/healthz" or "/readyz")
        {
            diagnostics.Set(SkipProperty, true);
            return;
        }

        var identity = RequestIdentity.Of(context);
        diagnostics.Set("method", request.Method);
        diagnostics.Set("path", RawTarget.Of(context).Path);
        diagnostics.Set("status", context.Response.StatusCode);
        diagnostics.Set("duration_ms", Math.Round(Stopwatch.GetElapsedTime(identity.StartTimestamp).TotalMilliseconds, 2));
        diagnostics.Set("request_id", identity.RequestId);
        diagnostics.Set("operation", identity.Operation ?? "-");
        diagnostics.Set("bytes_in", request.ContentLength ?? 0);
        diagnostics.Set("bytes_out", HttpMethods.IsHead(request.Method) ? 0 : context.Response.ContentLength ?? 0);
        diagnostics.Set("access_key_id", identity.S3Context?.AccessKeyId ?? "-");
        diagnostics.Set("remote_addr", context.Connection.RemoteIpAddress?.ToString() ?? "-");
    }
}
