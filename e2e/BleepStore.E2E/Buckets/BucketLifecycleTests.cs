using System.Net;

namespace BleepStore.E2E.Buckets;

public sealed class BucketLifecycleTests : IDisposable
{
    private readonly AmazonS3Client _s3 = S3Clients.Default();
    private readonly List<string> _created = [];

    [Fact]
    public async Task CreateBucket_ThenHead_Returns200()
    {
        var bucket = Track(BucketNames.New());

        var created = await _s3.PutBucketAsync(bucket);
        var head = await _s3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket });

        Assert.Equal(HttpStatusCode.OK, created.HttpStatusCode);
        Assert.Equal(HttpStatusCode.OK, head.HttpStatusCode);
    }

    [Fact]
    public async Task CreateBucket_OwnBucketAgain_Returns200()
    {
        var bucket = Track(BucketNames.New());
        await _s3.PutBucketAsync(bucket);

        var again = await _s3.PutBucketAsync(bucket);

        Assert.Equal(HttpStatusCode.OK, again.HttpStatusCode);
    }

    [Fact]
    public async Task ListBuckets_IncludesNewBucket_WithOwnerAndCreationDate()
    {
        var bucket = Track(BucketNames.New());
        await _s3.PutBucketAsync(bucket);

        var list = await _s3.ListBucketsAsync();

        var entry = Assert.Single(list.Buckets ?? [], b => b.BucketName == bucket);
        Assert.NotNull(entry.CreationDate);
        Assert.True(entry.CreationDate > DateTime.UtcNow.AddDays(-1));
        Assert.False(string.IsNullOrEmpty(list.Owner?.Id));
    }

    [Fact]
    public async Task GetBucketLocation_UsEast1_ReturnsEmptyOrRegion()
    {
        var bucket = Track(BucketNames.New());
        await _s3.PutBucketAsync(bucket);

        var location = await _s3.GetBucketLocationAsync(bucket);

        Assert.Equal(HttpStatusCode.OK, location.HttpStatusCode);
        var value = location.Location?.Value ?? string.Empty;
        Assert.Contains(value, new[] { string.Empty, E2ESettings.Current.Region });
    }

    [Fact]
    public async Task DeleteBucket_Empty_Returns204_ThenHead404()
    {
        var bucket = BucketNames.New();
        await _s3.PutBucketAsync(bucket);

        var deleted = await _s3.DeleteBucketAsync(bucket);

        Assert.Equal(HttpStatusCode.NoContent, deleted.HttpStatusCode);
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound,
            () => _s3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket }));
    }

    [Fact]
    public async Task DeleteBucket_WithObject_FailsBucketNotEmpty()
    {
        var bucket = Track(BucketNames.New());
        await _s3.PutBucketAsync(bucket);
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "keep.txt", ContentBody = "x" });

        await S3Assert.FailsWithAsync("BucketNotEmpty", HttpStatusCode.Conflict, () => _s3.DeleteBucketAsync(bucket));
        var head = await _s3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket });
        Assert.Equal(HttpStatusCode.OK, head.HttpStatusCode);
    }

    public void Dispose()
    {
        foreach (var bucket in _created)
        {
            try
            {
                BucketCleaner.DeleteBucketAndContentsAsync(_s3, bucket).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is AmazonServiceException or HttpRequestException)
            {
            }
        }

        _s3.Dispose();
    }

    private string Track(string bucket)
    {
        _created.Add(bucket);
        return bucket;
    }
}
