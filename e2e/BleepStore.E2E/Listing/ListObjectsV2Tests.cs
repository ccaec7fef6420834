namespace BleepStore.E2E.Listing;

public sealed class ListObjectsV2Tests(ListingFixture fixture) : IClassFixture<ListingFixture>
{
    private readonly IAmazonS3 _s3 = fixture.S3;
    private readonly string _bucket = fixture.Bucket;

    [Fact]
    public async Task ListObjectsV2_All_ReturnsEightKeysInOrder()
    {
        var page = await ListAsync(new ListObjectsV2Request());

        Assert.Equal(8, page.KeyCount);
        Assert.Equal(ListingFixture.SortedKeys, Keys(page));
        Assert.NotEqual(true, page.IsTruncated);
    }

    [Fact]
    public async Task ListObjectsV2_Prefix_ReturnsOnlyMatchingKeys()
    {
        var page = await ListAsync(new ListObjectsV2Request { Prefix = "photos/" });

        Assert.Equal(4, page.KeyCount);
        Assert.All(Keys(page), key => Assert.StartsWith("photos/", key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListObjectsV2_Delimiter_GroupsCommonPrefixes()
    {
        var page = await ListAsync(new ListObjectsV2Request { Delimiter = "/" });

        Assert.Equal(["file1.txt", "file2.txt"], Keys(page));
        Assert.Equal(["docs/", "photos/"], (page.CommonPrefixes ?? []).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListObjectsV2_PrefixAndDelimiter_ListsOneLevel()
    {
        var page = await ListAsync(new ListObjectsV2Request { Prefix = "photos/2024/", Delimiter = "/" });

        Assert.Empty(Keys(page));
        Assert.Equal(["photos/2024/feb/", "photos/2024/jan/"], (page.CommonPrefixes ?? []).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListObjectsV2_MaxKeys2_PagesWithContinuationTokens()
    {
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await ListAsync(new ListObjectsV2Request { MaxKeys = 2, ContinuationToken = token });
            pages++;
            Assert.Equal(2, page.MaxKeys);
            Assert.Equal(2, page.KeyCount);
            seen.AddRange(Keys(page));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
            if (page.IsTruncated == true)
            {
                Assert.False(string.IsNullOrEmpty(page.NextContinuationToken));
            }
        }
        while (token is not null && pages < 10);

        Assert.Equal(4, pages);
        Assert.Equal(ListingFixture.SortedKeys, seen);
    }

    [Fact]
    public async Task ListObjectsV2_StartAfter_SkipsEarlierKeys()
    {
        var page = await ListAsync(new ListObjectsV2Request { StartAfter = "file2.txt" });

        Assert.Equal(ListingFixture.SortedKeys.Where(k => string.CompareOrdinal(k, "file2.txt") > 0), Keys(page));
        Assert.DoesNotContain("file1.txt", Keys(page));
        Assert.DoesNotContain("file2.txt", Keys(page));
    }

    [Fact]
    public async Task ListObjectsV2_Entries_CarryKeyEtagSizeDateAndStorageClass()
    {
        var page = await ListAsync(new ListObjectsV2Request { Prefix = "docs/readme.md" });

        var entry = Assert.Single(page.S3Objects ?? []);
        Assert.Equal("docs/readme.md", entry.Key);
        Assert.Equal(("content of docs/readme.md").Length, entry.Size);
        Assert.Matches("^\"[0-9a-f]{32}\"$", entry.ETag);
        Assert.NotNull(entry.LastModified);
        Assert.False(string.IsNullOrEmpty(entry.StorageClass?.Value));
    }

    [Fact]
    public async Task ListObjectsV2_EmptyBucket_ReturnsNoContents()
    {
        var empty = BucketNames.New();
        await _s3.PutBucketAsync(empty);
        try
        {
            var page = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = empty });

            Assert.Equal(0, page.KeyCount ?? 0);
            Assert.Empty(page.S3Objects ?? []);
        }
        finally
        {
            await _s3.DeleteBucketAsync(empty);
        }
    }

    private static List<string> Keys(ListObjectsV2Response page) => (page.S3Objects ?? []).Select(o => o.Key).ToList();

    private Task<ListObjectsV2Response> ListAsync(ListObjectsV2Request request)
    {
        request.BucketName = _bucket;
        return _s3.ListObjectsV2Async(request);
    }
}
