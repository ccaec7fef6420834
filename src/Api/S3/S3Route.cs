namespace BleepStore.Api.S3;

/// <summary>
/// The router's answer: one operation and, when addressed, the bucket and the key (both decoded);
/// <see cref="VirtualHosted"/> when the bucket came from the Host header.
/// </summary>
internal readonly record struct S3Route(S3Operation Operation, string? Bucket, string? Key, bool VirtualHosted = false);
