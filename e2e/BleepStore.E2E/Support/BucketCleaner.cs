namespace BleepStore.E2E.Support;

internal static class BucketCleaner
{
    /// <summary>
    /// Deletes every object (paginated ListObjectsV2), then every version and delete marker left (a versioned bucket),
    /// then the bucket; a bucket already gone is fine.
    /// </summary>
    public static async Task DeleteBucketAndContentsAsync(IAmazonS3 s3, string bucket)
    {
        try
        {
            string? token = null;
            do
            {
                var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, ContinuationToken = token });
                foreach (var entry in page.S3Objects ?? [])
                {
                    await s3.DeleteObjectAsync(bucket, entry.Key);
                }

                token = page.IsTruncated == true ? page.NextContinuationToken : null;
            }
            while (token is not null);

            if ((await s3.GetBucketVersioningAsync(bucket)).VersioningConfig?.Status is { } status && status != VersionStatus.Off)
            {
                ListVersionsResponse versions;
                do
                {
                    versions = await s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket });
                    foreach (var v in versions.Versions ?? [])
                    {
                        await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = v.Key, VersionId = v.VersionId });
                    }
                }
                while (versions.Versions is { Count: > 0 });
            }

            await s3.DeleteBucketAsync(bucket);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
        {
        }
    }
}
