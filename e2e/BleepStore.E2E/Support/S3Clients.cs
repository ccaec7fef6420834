
namespace BleepStore.E2E.Support;

/// <summary>AWSSDK.S3 clients as a user would build them: default checksums and aws-chunked bodies, path-style, no retries.</summary>
internal static class S3Clients
{
    public static AmazonS3Client Default() => Create(E2ESettings.Current.AccessKey, E2ESettings.Current.SecretKey);

    public static AmazonS3Client WithCredentials(string accessKey, string secretKey) => Create(accessKey, secretKey);

    /// <summary>The second account of the server's <c>auth.credentials</c> list.</summary>
    public static AmazonS3Client Second() => Create(E2ESettings.SecondAccessKey, E2ESettings.SecondSecretKey);

    public static AmazonS3Client ChecksumWhenRequired() =>
        Create(E2ESettings.Current.AccessKey, E2ESettings.Current.SecretKey, RequestChecksumCalculation.WHEN_REQUIRED);

    public static AmazonS3Config Config(RequestChecksumCalculation? checksums = null)
    {
        var settings = E2ESettings.Current;
        var config = new AmazonS3Config
        {
            ServiceURL = settings.EndpointText,
            ForcePathStyle = true,
            AuthenticationRegion = settings.Region,
            MaxErrorRetry = 0,
            Timeout = TimeSpan.FromMinutes(5),
        };
        if (checksums is { } calculation)
        {
            config.RequestChecksumCalculation = calculation;
        }

        return config;
    }

    private static AmazonS3Client Create(string accessKey, string secretKey, RequestChecksumCalculation? checksums = null) =>
        new(new BasicAWSCredentials(accessKey, secretKey), Config(checksums));
}
