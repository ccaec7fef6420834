using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using BleepStore.Infrastructure.Configuration;

namespace BleepStore.Infrastructure.Storage.Aws;

/// <summary>Turns the upstream's answer to one listing into the config key an operator has to fix.</summary>
internal static class AwsStartupCheck
{
    public static async Task RunAsync(AwsUpstream upstream, CancellationToken ct)
    {
        var options = upstream.Options;
        try
        {
            await upstream.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = options.Bucket, Prefix = options.Prefix, MaxKeys = 1 }, ct).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e)
        {
            throw new ConfigException(KeyFor(e.ErrorCode), OneLine($"the upstream answered {e.ErrorCode} (HTTP {(int)e.StatusCode}) for bucket '{options.Bucket}'"));
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException or IOException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            var key = options.EndpointUrl is null ? "storage.aws.region" : "storage.aws.endpoint_url";
            throw new ConfigException(key, OneLine($"the upstream is unreachable: {e.Message}"));
        }
    }

    private static string KeyFor(string? errorCode) => errorCode switch
    {
        "InvalidAccessKeyId" or "AccessDenied" or "InvalidToken" or "ExpiredToken" => "storage.aws.access_key_id",
        "SignatureDoesNotMatch" => "storage.aws.secret_access_key",
        "AuthorizationHeaderMalformed" or "PermanentRedirect" or "IllegalLocationConstraintException" => "storage.aws.region",
        _ => "storage.aws.bucket",
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
