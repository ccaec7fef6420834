namespace BleepStore.Infrastructure.Storage.Aws;

/// <summary>Settings of the AWS S3 gateway (<c>storage.aws.*</c>, spec 60).</summary>
public sealed record AwsGatewayOptions
{
    /// <summary>The upstream bucket every blob goes to (required).</summary>
    public required string Bucket { get; init; }

    public string Region { get; init; } = "us-east-1";

    /// <summary>Prepended to every upstream key, e.g. <c>bleepstore/</c>.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>An S3-compatible endpoint instead of AWS (MinIO, another BleepStore, s3rver).</summary>
    public string? EndpointUrl { get; init; }

    public bool UsePathStyle { get; init; }

    /// <summary>With <see cref="SecretAccessKey"/>; null = the SDK's chain (AWS_ACCESS_KEY_ID…, profile, instance role).</summary>
    public string? AccessKeyId { get; init; }

    public string? SecretAccessKey { get; init; }

    /// <summary>
    /// False sends plain signed bodies instead of the SDK's aws-chunked encoding with checksum trailers,
    /// for upstreams that cannot decode it (s3rver).
    /// </summary>
    public bool ChunkEncoding { get; init; } = true;

    /// <summary>
    /// False stops the SDK from asking for and checking the upstream's <c>x-amz-checksum-*</c> on whole-object reads
    /// (<c>response_checksum_validation: when_required</c>); null keeps the SDK's own setting. The SDK's MD5 check of
    /// a single-part object's ETag on whole-object reads stays either way (the SDK has no switch for it).
    /// </summary>
    public bool? ValidateResponseChecksums { get; init; }

    /// <summary>
    /// False makes copies and multipart assembly stream the bytes through this process instead of
    /// CopyObject / UploadPartCopy, for upstreams without them (s3rver lacks UploadPartCopy and
    /// mis-decodes the SDK's encoded copy source).
    /// </summary>
    public bool ServerSideCopy { get; init; } = true;

    /// <summary>
    /// True keeps every object under <c>{prefix}{bucket}/{key}</c> upstream (decision 0010): written first as a
    /// staging blob <c>{prefix}.blobs/{bucket}/{id}</c>, then copied to its key's name under a key claim. False
    /// leaves objects under their blob ids (decision 0007). Configuration turns it on unless
    /// <c>storage.aws.key_names: false</c>; this options type itself defaults to false.
    /// </summary>
    public bool KeyNames { get; init; }

    /// <summary>Upstream part size for bodies streamed in (two such buffers per write in flight).</summary>
    public int PartSize { get; init; } = 8 * 1024 * 1024;
}
