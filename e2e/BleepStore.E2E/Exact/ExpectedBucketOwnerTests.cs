using System.Net;

namespace BleepStore.E2E.Exact;

/// <summary>x-amz-expected-bucket-owner and x-amz-source-expected-bucket-owner through AWSSDK.S3.</summary>
public sealed class ExpectedBucketOwnerTests(BucketFixture fixture) : IClassFixture<BucketFixture>
{
    private readonly IAmazonS3 _s3 = fixture.S3;

    private static string Me => E2ESettings.Current.AccessKey;

    [Fact]
    public async Task RightOwner_Works_WrongOwner_AccessDeniedAndNothingWritten()
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = fixture.Bucket, Key = "ebo/a", ContentBody = "a", ExpectedBucketOwner = Me });
        var read = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = fixture.Bucket, Key = "ebo/a", ExpectedBucketOwner = Me });
        Assert.Equal(1, read.ContentLength);

        await S3Assert.FailsWithAsync("AccessDenied", HttpStatusCode.Forbidden, () => _s3.PutObjectAsync(
            new PutObjectRequest { BucketName = fixture.Bucket, Key = "ebo/b", ContentBody = "b", ExpectedBucketOwner = "111122223333" }));
        await S3Assert.FailsWithAsync("AccessDenied", HttpStatusCode.Forbidden, () => _s3.ListObjectsV2Async(
            new ListObjectsV2Request { BucketName = fixture.Bucket, ExpectedBucketOwner = "111122223333" }));
        await S3Assert.FailsWithAsync("AccessDenied", HttpStatusCode.Forbidden, () => _s3.DeleteObjectAsync(
            new DeleteObjectRequest { BucketName = fixture.Bucket, Key = "ebo/a", ExpectedBucketOwner = "111122223333" }));
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.Forbidden, () => _s3.HeadBucketAsync(
            new HeadBucketRequest { BucketName = fixture.Bucket, ExpectedBucketOwner = "111122223333" }));

        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => _s3.GetObjectMetadataAsync(fixture.Bucket, "ebo/b"));
        Assert.Equal(1, (await _s3.GetObjectMetadataAsync(fixture.Bucket, "ebo/a")).ContentLength);
    }

    [Fact]
    public async Task CopyObject_SourceExpectedOwner()
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = fixture.Bucket, Key = "ebo/src", ContentBody = "s" });

        await S3Assert.FailsWithAsync("AccessDenied", HttpStatusCode.Forbidden, () => _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = fixture.Bucket, SourceKey = "ebo/src", DestinationBucket = fixture.Bucket, DestinationKey = "ebo/copy",
            ExpectedSourceBucketOwner = "111122223333",
        }));
        await _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = fixture.Bucket, SourceKey = "ebo/src", DestinationBucket = fixture.Bucket, DestinationKey = "ebo/copy",
            ExpectedSourceBucketOwner = Me, ExpectedBucketOwner = Me,
        });

        Assert.Equal(1, (await _s3.GetObjectMetadataAsync(fixture.Bucket, "ebo/copy")).ContentLength);
    }
}
