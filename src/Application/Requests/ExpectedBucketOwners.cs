namespace BleepStore.Application.Requests;

/// <summary>
/// What a request expects of the owners of the buckets it touches: <c>x-amz-expected-bucket-owner</c> for
/// <paramref name="Bucket"/> and, on CopyObject and UploadPartCopy, <c>x-amz-source-expected-bucket-owner</c> for
/// the bucket named by <c>x-amz-copy-source</c>. A mismatch with the bucket owner's canonical id is 403
/// AccessDenied, as S3 answers; a bucket that does not exist is left to the handler (NoSuchBucket).
/// </summary>
/// <param name="Bucket">The bucket the request addresses.</param>
/// <param name="OwnerId">The expected owner of <paramref name="Bucket"/>, or null.</param>
/// <param name="SourceBucket">The copy source's bucket; null with a <paramref name="SourceOwnerId"/> = the bucket of the request's <c>x-amz-copy-source</c> header.</param>
/// <param name="SourceOwnerId">The expected owner of <paramref name="SourceBucket"/>, or null.</param>
public sealed record ExpectedBucketOwners(string Bucket, string? OwnerId, string? SourceBucket = null, string? SourceOwnerId = null);
