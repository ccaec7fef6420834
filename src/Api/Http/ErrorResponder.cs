using BleepStore.Api.S3;
using BleepStore.Api.Xml;
using BleepStore.Domain.Errors;

namespace BleepStore.Api.Http;

/// <summary>
/// The one place failures become HTTP (spec 50): S3 errors as their XML; framework rejections as the
/// nearest S3 error; anything else as 500 InternalError, logged with the request id and never shown.
/// HEAD gets status and headers only. A client that went away gets nothing and is not an error.
/// </summary>
internal sealed partial class ErrorResponder(ILogger<ErrorResponder> logger)
{
    public async Task WriteAsync(HttpContext context, Exception exception)
    {
        var identity = RequestIdentity.Of(context);
        if (IsClientGone(context, exception))
        {
            LogClientGone(logger, identity.RequestId);
            return;
        }

        var error = exception switch
        {
            S3Exception s3 => s3,
            BadHttpRequestException bad => FromBadRequest(bad),
            _ => null,
        };

        if (error is null)
        {
            LogUnexpected(logger, exception, identity.RequestId, context.Request.Method);
            error = new S3Exception(S3Errors.InternalError);
        }
        else if (error.Error.HttpStatus >= 500)
        {
            // Server-side failures the handlers expected (missing blob, upstream unavailable): an operator
            // needs the request id to match the client's report to the cause.
            LogServerError(logger, identity.RequestId, context.Request.Method, error.Error.Code, error.Message);
        }

        if (context.Response.HasStarted)
        {
            // Headers (and maybe bytes) are out: the only honest signal left is a broken connection.
            LogFailedAfterStart(logger, identity.RequestId, error.Error.Code);
            context.Abort();
            return;
        }

        await WriteAsync(context, error).ConfigureAwait(false);
    }

    public static Task WriteAsync(HttpContext context, S3Exception error)
    {
        var identity = RequestIdentity.Of(context);
        var response = context.Response;
        ClearForError(response);
        response.StatusCode = error.Error.HttpStatus;
        foreach (var (name, value) in error.Headers)
        {
            response.Headers[name] = value;
        }
        if (error.Error == S3Errors.InvalidRange && Detail(error, "ActualObjectSize") is { } size)
        {
            response.Headers.ContentRange = "bytes */" + size;
        }

        if (HttpMethods.IsHead(context.Request.Method))
        {
            return Task.CompletedTask;
        }

        var state = new ErrorState(error, ResourceOf(context), identity);
        return XmlResponse.WriteAsync(context, error.Error.HttpStatus, state, static (w, s) =>
            ErrorXml.Write(w, s.Error.Error, s.Error.Message, s.Resource, s.Error.Details, s.Identity.RequestId, s.Identity.HostId));
    }

    /// <summary>The request path, decoded once, as S3 shows it in <c>Resource</c>.</summary>
    private static string ResourceOf(HttpContext context) => PercentEncoding.DecodePath(RawTarget.Of(context).Path);

    private static void ClearForError(HttpResponse response)
    {
        // Headers a handler may have set before failing must not describe an object that is not sent.
        var headers = response.Headers;
        headers.ETag = default;
        headers.LastModified = default;
        headers.ContentRange = default;
        headers.ContentLength = default;
        headers.AcceptRanges = default;
    }

    private static string? Detail(S3Exception error, string name)
    {
        foreach (var (key, value) in error.Details)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }

    private static S3Exception FromBadRequest(BadHttpRequestException bad) => bad.StatusCode switch
    {
        StatusCodes.Status408RequestTimeout => new S3Exception(S3Errors.RequestTimeout),
        StatusCodes.Status413PayloadTooLarge => new S3Exception(S3Errors.EntityTooLarge),
        StatusCodes.Status411LengthRequired => new S3Exception(S3Errors.MissingContentLength),
        _ when bad.Message.Contains("end of request content", StringComparison.OrdinalIgnoreCase) => new S3Exception(S3Errors.IncompleteBody),
        _ => new S3Exception(S3Errors.InvalidRequest, bad.Message),
    };

    private static bool IsClientGone(HttpContext context, Exception exception) =>
        context.RequestAborted.IsCancellationRequested
        && exception is OperationCanceledException or IOException or BadHttpRequestException;

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled exception for {Method} request {RequestId}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string requestId, string method);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Client disconnected during request {RequestId}")]
    private static partial void LogClientGone(ILogger logger, string requestId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Request {RequestId} failed with {Code} after the response started; connection aborted")]
    private static partial void LogFailedAfterStart(ILogger logger, string requestId, string code);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "{Method} request {RequestId} failed with {Code}: {Reason}")]
    private static partial void LogServerError(ILogger logger, string requestId, string method, string code, string reason);

    private sealed record ErrorState(S3Exception Error, string Resource, RequestIdentity Identity);
}
