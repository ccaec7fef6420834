using System.Net;

namespace BleepStore.E2E.Buckets;

public sealed class BucketErrorTests : IDisposable
{
    private readonly AmazonS3Client _s3 = S3Clients.Default();
    private readonly string _missing = BucketNames.New();

    [Theory]
    [InlineData("INVALID-UPPERCASE")]
    [InlineData("ab")]
    [InlineData("bucket_with_underscore")]
    [InlineData("-leading-hyphen")]
    [InlineData("192.168.1.1")]
    public async Task CreateBucket_InvalidName_FailsInvalidBucketName(string name)
    {
        await S3Assert.FailsWithAsync("InvalidBucketName", HttpStatusCode.BadRequest, () => _s3.PutBucketAsync(name));
    }

    [Fact]
    public async Task DeleteBucket_Missing_FailsNoSuchBucket()
    {
        await S3Assert.FailsWithAsync("NoSuchBucket", HttpStatusCode.NotFound, () => _s3.DeleteBucketAsync(_missing));
    }

    [Fact]
    public async Task HeadBucket_Missing_Returns404()
    {
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound,
            () => _s3.HeadBucketAsync(new HeadBucketRequest { BucketName = _missing }));
    }

    [Fact]
    public async Task GetBucketLocation_Missing_FailsNoSuchBucket()
    {
        await S3Assert.FailsWithAsync("NoSuchBucket", HttpStatusCode.NotFound, () => _s3.GetBucketLocationAsync(_missing));
    }

    [Fact]
    public async Task ListObjectsV2_MissingBucket_FailsNoSuchBucketWithMessage()
    {
        var error = await S3Assert.FailsWithAsync("NoSuchBucket", HttpStatusCode.NotFound,
            () => _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _missing }));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.False(string.IsNullOrWhiteSpace(error.RequestId));
    }

    [Fact]
    public async Task PutObject_MissingBucket_FailsNoSuchBucket()
    {
        await S3Assert.FailsWithAsync("NoSuchBucket", HttpStatusCode.NotFound,
            () => _s3.PutObjectAsync(new PutObjectRequest { BucketName = _missing, Key = "k", ContentBody = "x" }));
    }

    [Fact]
    public async Task GetObject_MissingBucket_FailsNoSuchBucket()
    {
        await S3Assert.FailsWithAsync("NoSuchBucket", HttpStatusCode.NotFound, () => _s3.GetObjectAsync(_missing, "k"));
    }

    public void Dispose() => _s3.Dispose();
}
