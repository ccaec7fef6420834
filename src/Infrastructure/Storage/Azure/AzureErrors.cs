using System.Net.Sockets;
using Azure;
using BleepStore.Domain.Errors;

namespace BleepStore.Infrastructure.Storage.Azure;

/// <summary>
/// Upstream failures a client can act on become S3 errors: throttling is SlowDown, an upstream that
/// cannot be reached is ServiceUnavailable. Anything else propagates and becomes InternalError with a
/// logged request id.
/// </summary>
internal static class AzureErrors
{
    public static bool IsNotFound(RequestFailedException ex) => ex.Status == 404;

    public static Exception? Translate(Exception ex) => ex switch
    {
        RequestFailedException { Status: 503 or 429 } or RequestFailedException { ErrorCode: "ServerBusy" or "OperationTimedOut" } =>
            new S3Exception(S3Errors.SlowDown, "The storage upstream is throttling requests; please retry."),
        _ when IsUnreachable(ex) => new S3Exception(S3Errors.ServiceUnavailable, "The storage upstream cannot be reached."),
        _ => null,
    };

    private static bool IsUnreachable(Exception ex) => ex switch
    {
        RequestFailedException { Status: 0 } r => r.InnerException is null || IsUnreachable(r.InnerException),
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(IsUnreachable),
        HttpRequestException or SocketException or TimeoutException => true,
        IOException { InnerException: SocketException } => true,
        TaskCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };
}
