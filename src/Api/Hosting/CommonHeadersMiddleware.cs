using System.Diagnostics;
using BleepStore.Api.Http;

namespace BleepStore.Api.Hosting;

/// <summary>
/// Outermost middleware: request ids and the headers every response carries (spec 50), a last-resort
/// error answer. The request log line is <see cref="RequestLogging"/>'s.
/// </summary>
internal sealed class CommonHeadersMiddleware(RequestDelegate next, ErrorResponder errors)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var identity = RequestIdentity.Of(context);
        var headers = context.Response.Headers;
        headers["x-amz-request-id"] = identity.RequestId;
        headers["x-amz-id-2"] = identity.HostId;
        headers.Date = HttpDates.Now();
        headers.Server = "BleepStore";
        if (context.Request.Headers.Expect.Count > 0)
        {
            context.Response.OnStarting(CloseUnreadContinueConnection, context);
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await errors.WriteAsync(context, e).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A client that sent <c>Expect: 100-continue</c> and got a final answer without a 100 (a rejected
    /// PUT, or an empty body) may still send — or may never send — the body; either way the next
    /// request on this connection would be misread. Closing it is what keeps botocore and awscli in step.
    /// </summary>
    private static Task CloseUnreadContinueConnection(object state)
    {
        var context = (HttpContext)state;
        if (context.Request.Headers.Expect.ToString().Contains("100-continue", StringComparison.OrdinalIgnoreCase)
            && (context.Response.StatusCode >= 300 || context.Request.ContentLength is null or 0))
        {
            context.Response.Headers.Connection = "close";
        }

        return Task.CompletedTask;
    }
}
