using System.Net;

namespace BleepStore.E2E.Buckets;

/// <summary>ListBuckets pagination through AWSSDK.S3: max-buckets, continuation-token, prefix, bucket-region.</summary>
public sealed class ListBucketsPagingTests : IAsyncLifetime
{
    private readonly AmazonS3Client _s3 = S3Clients.Default();
    private readonly string _prefix = BucketNames.New() + "-";
    private readonly List<string> _buckets = [];

    public async Task InitializeAsync()
    {
        for (var i = 0; i < 5; i++)
        {
            _buckets.Add(_prefix + i);
            await _s3.PutBucketAsync(new PutBucketRequest
            {
                BucketName = _prefix + i,
                UseClientRegion = false,
                PutBucketConfiguration = i == 4 ? new PutBucketConfiguration { LocationConstraint = "eu-west-1" } : null,
            });
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var bucket in _buckets)
        {
            await _s3.DeleteBucketAsync(bucket);
        }

        _s3.Dispose();
    }

    [Fact]
    public async Task MaxBuckets_PagesWithContinuationTokens_PrefixEchoed()
    {
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await _s3.ListBucketsAsync(new ListBucketsRequest { Prefix = _prefix, MaxBuckets = 2, ContinuationToken = token });
            seen.AddRange(page.Buckets.Select(b => b.BucketName));
            Assert.Equal(_prefix, page.Prefix);
            Assert.All(page.Buckets, b => Assert.False(string.IsNullOrEmpty(b.BucketRegion)));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(_buckets, seen);
    }

    [Fact]
    public async Task BucketRegion_FiltersByRegion()
    {
        var eu = await _s3.ListBucketsAsync(new ListBucketsRequest { Prefix = _prefix, BucketRegion = "eu-west-1" });

        var bucket = Assert.Single(eu.Buckets);
        Assert.Equal((_prefix + 4, "eu-west-1"), (bucket.BucketName, bucket.BucketRegion));
    }

    [Fact]
    public async Task BucketRegionNamingNoAwsRegion_InvalidArgument()
    {
        var error = await S3Assert.FailsWithAsync("InvalidArgument", HttpStatusCode.BadRequest, () => _s3.ListBucketsAsync(new ListBucketsRequest { BucketRegion = "eu-east-1" }));
        Assert.Equal("Argument value eu-east-1 is not a valid AWS Region", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10001)]
    public async Task MaxBucketsOutOfRange_InvalidArgument(int max) =>
        await S3Assert.FailsWithAsync("InvalidArgument", HttpStatusCode.BadRequest, () => _s3.ListBucketsAsync(new ListBucketsRequest { MaxBuckets = max }));

    [Fact]
    public async Task ForeignContinuationToken_InvalidArgument() =>
        await S3Assert.FailsWithAsync("InvalidArgument", HttpStatusCode.BadRequest, () => _s3.ListBucketsAsync(new ListBucketsRequest { ContinuationToken = "Zm9yZ2Vk" }));
}
