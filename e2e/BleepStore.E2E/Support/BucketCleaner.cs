namespace BleepStore.E2E.Support;

internal static class BucketCleaner
{
    /// <summary>Deletes every object (paginated ListObjectsV2) and then the bucket; a bucket already gone is fine.</summary>
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

            await s3.DeleteBucketAsync(bucket);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
        {
        }
    }
}
