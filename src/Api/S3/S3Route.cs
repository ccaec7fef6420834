namespace BleepStore.Api.S3;

/// <summary>The router's answer: one operation and, when addressed, the bucket and the key (both decoded).</summary>
internal readonly record struct S3Route(S3Operation Operation, string? Bucket, string? Key);
