using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using BleepStore.Infrastructure.Storage.Aws;
using Microsoft.Extensions.Logging.Abstractions;

namespace BleepStore.Infrastructure.Tests.Storage.Aws;

public sealed class UpstreamErrorsTests
{
    [Theory]
    [InlineData("SlowDown", HttpStatusCode.ServiceUnavailable, "SlowDown")]
    [InlineData("Throttling", HttpStatusCode.BadRequest, "SlowDown")]
    [InlineData("RequestLimitExceeded", HttpStatusCode.BadRequest, "SlowDown")]
    [InlineData("Whatever", HttpStatusCode.TooManyRequests, "SlowDown")]
    [InlineData("ServiceUnavailable", HttpStatusCode.ServiceUnavailable, "ServiceUnavailable")]
    [InlineData("BadGateway", HttpStatusCode.BadGateway, "ServiceUnavailable")]
    [InlineData("AccessDenied", HttpStatusCode.Forbidden, "InternalError")]
    [InlineData("InternalError", HttpStatusCode.InternalServerError, "InternalError")]
    public void Map_UpstreamAnswer_ActionableS3Error(string code, HttpStatusCode status, string expected)
    {
        var upstream = new AmazonS3Exception("upstream said no", ErrorType.Receiver, code, "req-1", status);

        var mapped = UpstreamErrors.Map(upstream, NullLogger.Instance, "GetObject", CancellationToken.None);

        Assert.Equal(expected, mapped!.Error.Code);
        Assert.DoesNotContain("upstream said no", mapped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_ConnectionFailures_ServiceUnavailable()
    {
        Exception[] failures = [new HttpRequestException("refused"), new SocketException(111), new AmazonClientException("no route"), new TaskCanceledException("timeout")];

        Assert.All(failures, e => Assert.Equal("ServiceUnavailable", UpstreamErrors.Map(e, NullLogger.Instance, "PutObject", CancellationToken.None)!.Error.Code));
    }

    [Fact]
    public void Map_NotAnUpstreamFailure_Null()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Null(UpstreamErrors.Map(new InvalidDataException("digest"), NullLogger.Instance, "PutObject", CancellationToken.None));
        Assert.Null(UpstreamErrors.Map(new TaskCanceledException(), NullLogger.Instance, "PutObject", cancelled.Token));
    }
}
