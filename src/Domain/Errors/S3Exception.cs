namespace BleepStore.Domain.Errors;

/// <summary>
/// An expected S3 failure. Handlers throw it; the Api renders it as S3 error XML. Extra context
/// (BucketName, Key, ArgumentName…) becomes extra elements of the Error document.
/// </summary>
public sealed class S3Exception : Exception
{
    public S3Exception(S3ErrorCode error, string? message = null, IReadOnlyList<KeyValuePair<string, string>>? details = null)
        : base(message ?? error.DefaultMessage)
    {
        Error = error;
        Details = details ?? [];
    }

    public S3ErrorCode Error { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Details { get; }

    /// <summary>Response headers the error carries (<c>x-amz-delete-marker</c>, <c>x-amz-version-id</c>, <c>Allow</c>…).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public static S3Exception NoSuchBucket(string bucket) => new(S3Errors.NoSuchBucket, details: [new("BucketName", bucket)]);

    public static S3Exception NoSuchKey(string key) => new(S3Errors.NoSuchKey, details: [new("Key", key)]);

    public static S3Exception InvalidArgument(string message, string name, string? value) =>
        new(S3Errors.InvalidArgument, message, [new("ArgumentName", name), new("ArgumentValue", value ?? "")]);
}
