using System.Net;
using System.Net.Sockets;
using BleepStore.Domain.Errors;
using Google;

namespace BleepStore.Infrastructure.Storage.Gcp;

/// <summary>
/// Upstream failures a client can act on become S3 errors: throttling (429, 503) is SlowDown, an upstream
/// that cannot be reached is ServiceUnavailable. Anything else propagates and becomes InternalError.
/// </summary>
internal static class GcsErrors
{
    public static bool Is(Exception ex, HttpStatusCode status) => ex is GoogleApiException g && g.HttpStatusCode == status;

    public static Exception? Translate(Exception ex) => ex switch
    {
        GoogleApiException { HttpStatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } =>
            new S3Exception(S3Errors.SlowDown, "The storage upstream is throttling requests; please retry."),
        _ when IsUnreachable(ex) => new S3Exception(S3Errors.ServiceUnavailable, "The storage upstream cannot be reached."),
        _ => null,
    };

    private static bool IsUnreachable(Exception ex) => ex switch
    {
        HttpRequestException or SocketException or TimeoutException => true,
        IOException { InnerException: SocketException } => true,
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(IsUnreachable),
        _ => false,
    };
}
