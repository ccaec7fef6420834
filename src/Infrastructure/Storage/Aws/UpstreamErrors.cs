using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using BleepStore.Domain.Errors;
using Microsoft.Extensions.Logging;

namespace BleepStore.Infrastructure.Storage.Aws;

/// <summary>
/// Turns upstream failures into S3 errors a client can act on: throttling → SlowDown, unreachable or
/// unavailable → ServiceUnavailable, anything else → InternalError. The upstream's code and request id
/// are logged, never sent to the client.
/// </summary>
internal static partial class UpstreamErrors
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "SlowDown", "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException", "RequestThrottled",
    };

    public static bool IsNotFound(AmazonS3Exception e) =>
        e.StatusCode == HttpStatusCode.NotFound || e.ErrorCode is "NoSuchKey" or "NotFound";

    /// <summary>Null when <paramref name="e"/> is not an upstream failure (a source stream's own exception passes unchanged).</summary>
    public static S3Exception? Map(Exception e, ILogger logger, string operation, CancellationToken ct)
    {
        switch (e)
        {
            case AmazonS3Exception s3 when ThrottlingCodes.Contains(s3.ErrorCode ?? "") || s3.StatusCode == HttpStatusCode.TooManyRequests:
                LogUpstream(logger, operation, s3.ErrorCode, s3.RequestId, (int)s3.StatusCode);
                return new S3Exception(S3Errors.SlowDown);
            case AmazonS3Exception s3 when s3.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout:
                LogUpstream(logger, operation, s3.ErrorCode, s3.RequestId, (int)s3.StatusCode);
                return new S3Exception(S3Errors.ServiceUnavailable, "The storage upstream is unavailable.");
            case AmazonServiceException service:
                LogUpstream(logger, operation, service.ErrorCode, service.RequestId, (int)service.StatusCode);
                return new S3Exception(S3Errors.InternalError);
            case HttpRequestException or SocketException or AmazonClientException:
            case TaskCanceledException when !ct.IsCancellationRequested:
                LogUnreachable(logger, operation, e.GetType().Name, e.Message);
                return new S3Exception(S3Errors.ServiceUnavailable, "The storage upstream is unreachable.");
            default:
                return null;
        }
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "Upstream {operation} failed: {code} (HTTP {status}), upstream request id {upstreamRequestId}")]
    private static partial void LogUpstream(ILogger logger, string operation, string? code, string? upstreamRequestId, int status);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "Upstream {operation} unreachable: {type}: {message}")]
    private static partial void LogUnreachable(ILogger logger, string operation, string type, string message);
}
