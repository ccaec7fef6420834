using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace BleepStore.Infrastructure.Storage.Aws;

/// <summary>Builds the SDK client from the gateway settings; credentials fall back to the SDK's own chain.</summary>
internal static class AwsClients
{
    /// <param name="httpClientFactory">Tests only: the HTTP layer under the SDK (to count the bytes on the wire).</param>
    public static AmazonS3Client Create(AwsGatewayOptions options, HttpClientFactory? httpClientFactory = null) =>
        Create(options, CreateConfig(options, httpClientFactory));

    public static AmazonS3Client Create(AwsGatewayOptions options, AmazonS3Config config) =>
        options.AccessKeyId is { Length: > 0 } id && options.SecretAccessKey is { Length: > 0 } secret
            ? new AmazonS3Client(new BasicAWSCredentials(id, secret), config)
            : new AmazonS3Client(config);

    public static AmazonS3Config CreateConfig(AwsGatewayOptions options, HttpClientFactory? httpClientFactory = null)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.UsePathStyle,
            Timeout = TimeSpan.FromMinutes(5),
        };

        if (options.EndpointUrl is { Length: > 0 } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = options.Region;
            if (options.UsePathStyle && config.EndpointProvider is { } rules)
            {
                // The rules engine's answer depends only on the bucket here: resolve it once (see FixedEndpointProvider).
                config.EndpointProvider = new FixedEndpointProvider(rules);
            }
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        if (httpClientFactory is not null)
        {
            config.HttpClientFactory = httpClientFactory;
        }

        if (!options.ChunkEncoding)
        {
            // For upstreams that know neither aws-chunked bodies nor checksum headers (s3rver): checksums only where S3
            // demands them. (Bodies are always sent plain since session 9, see AwsUpstream.)
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }

        if (options.ValidateResponseChecksums is { } validate)
        {
            config.ResponseChecksumValidation = validate ? ResponseChecksumValidation.WHEN_SUPPORTED : ResponseChecksumValidation.WHEN_REQUIRED;
        }

        return config;
    }
}
