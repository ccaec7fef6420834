using BleepStore.Infrastructure.Storage.Aws;

namespace BleepStore.Infrastructure.Configuration;

/// <summary>
/// <c>storage.aws.*</c> (spec 60). Unset values fall back to the environment the AWS SDK itself reads
/// (<c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c>, <c>AWS_ENDPOINT_URL_S3</c>, <c>AWS_ENDPOINT_URL</c>; without
/// keys, the SDK's credential chain: <c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c>, profile, role).
/// </summary>
public sealed record AwsStorageConfig
{
    public string? Bucket { get; init; }

    public string? Region { get; init; }

    public string Prefix { get; init; } = "";

    public string? EndpointUrl { get; init; }

    public bool UsePathStyle { get; init; }

    public string? AccessKeyId { get; init; }

    public string? SecretAccessKey { get; init; }

    /// <summary><c>storage.aws.chunk_encoding</c>: false for upstreams that cannot decode aws-chunked bodies.</summary>
    public bool ChunkEncoding { get; init; } = true;

    /// <summary>
    /// <c>storage.aws.response_checksum_validation</c>: <c>when_supported</c> or <c>when_required</c>; null leaves the SDK's
    /// own setting (<c>AWS_RESPONSE_CHECKSUM_VALIDATION</c>, the profile, else <c>when_supported</c>).
    /// </summary>
    public string? ResponseChecksumValidation { get; init; }

    /// <summary><c>storage.aws.server_side_copy</c>: false for upstreams without CopyObject/UploadPartCopy.</summary>
    public bool ServerSideCopy { get; init; } = true;

    /// <summary>
    /// <c>storage.aws.key_names</c> (default true): objects under <c>{prefix}{bucket}/{key}</c> upstream (decision 0010);
    /// false keeps them under their blob ids (decision 0007).
    /// </summary>
    public bool KeyNames { get; init; } = true;

    /// <exception cref="ConfigException">A required key is missing, naming it.</exception>
    public AwsGatewayOptions ToOptions(Func<string, string?> environment)
    {
        if (string.IsNullOrWhiteSpace(Bucket))
        {
            throw new ConfigException("storage.aws.bucket", "is required when storage.backend is aws");
        }

        if (string.IsNullOrEmpty(AccessKeyId) != string.IsNullOrEmpty(SecretAccessKey))
        {
            var missing = string.IsNullOrEmpty(AccessKeyId) ? "storage.aws.access_key_id" : "storage.aws.secret_access_key";
            throw new ConfigException(missing, "is required when the other key of the pair is set");
        }

        return new AwsGatewayOptions
        {
            Bucket = Bucket,
            Region = Region ?? NonEmpty(environment("AWS_REGION")) ?? NonEmpty(environment("AWS_DEFAULT_REGION")) ?? "us-east-1",
            Prefix = Prefix,
            EndpointUrl = EndpointUrl ?? NonEmpty(environment("AWS_ENDPOINT_URL_S3")) ?? NonEmpty(environment("AWS_ENDPOINT_URL")),
            UsePathStyle = UsePathStyle,
            AccessKeyId = NonEmpty(AccessKeyId),
            SecretAccessKey = NonEmpty(SecretAccessKey),
            ChunkEncoding = ChunkEncoding,
            ValidateResponseChecksums = ResponseChecksumValidation switch
            {
                "when_supported" => true,
                "when_required" => false,
                _ => null,
            },
            ServerSideCopy = ServerSideCopy,
            KeyNames = KeyNames,
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
