namespace BleepStore.Api.S3;

/// <summary>The S3 operations the router can pick (spec 00), plus <see cref="NotImplemented"/>.</summary>
internal enum S3Operation
{
    NotImplemented,
    ListBuckets,
    CreateBucket,
    DeleteBucket,
    HeadBucket,
    GetBucketLocation,
    GetBucketVersioning,
    GetBucketAcl,
    PutBucketAcl,
    ListMultipartUploads,
    ListObjectsV2,
    ListObjects,
    ListObjectVersions,
    DeleteObjects,
    PutObject,
    CopyObject,
    GetObject,
    HeadObject,
    DeleteObject,
    GetObjectAcl,
    PutObjectAcl,
    CreateMultipartUpload,
    UploadPart,
    UploadPartCopy,
    CompleteMultipartUpload,
    AbortMultipartUpload,
    ListParts,
}
