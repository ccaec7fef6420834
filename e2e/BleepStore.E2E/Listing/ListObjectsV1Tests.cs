namespace BleepStore.E2E.Listing;

public sealed class ListObjectsV1Tests(ListingFixture fixture) : IClassFixture<ListingFixture>
{
    private readonly IAmazonS3 _s3 = fixture.S3;
    private readonly string _bucket = fixture.Bucket;

    [Fact]
    public async Task ListObjects_All_ReturnsEightKeys()
    {
        var page = await _s3.ListObjectsAsync(new ListObjectsRequest { BucketName = _bucket });

        Assert.Equal(ListingFixture.SortedKeys, (page.S3Objects ?? []).Select(o => o.Key));
        Assert.NotEqual(true, page.IsTruncated);
    }

    [Fact]
    public async Task ListObjects_MaxKeys2_TruncatesAndPagesWithMarker()
    {
        var seen = new List<string>();
        string? marker = null;
        var pages = 0;
        ListObjectsResponse page;
        do
        {
            page = await _s3.ListObjectsAsync(new ListObjectsRequest { BucketName = _bucket, MaxKeys = 2, Marker = marker });
            pages++;
            Assert.Equal(2, page.MaxKeys);
            var keys = (page.S3Objects ?? []).Select(o => o.Key).ToList();
            seen.AddRange(keys);
            marker = page.IsTruncated == true ? page.NextMarker ?? keys[^1] : null;
        }
        while (marker is not null && pages < 10);

        Assert.Equal(4, pages);
        Assert.Equal(ListingFixture.SortedKeys, seen);
    }

    [Fact]
    public async Task ListObjects_PrefixAndDelimiter_GroupsCommonPrefixes()
    {
        var page = await _s3.ListObjectsAsync(new ListObjectsRequest { BucketName = _bucket, Prefix = "photos/", Delimiter = "/" });

        Assert.Empty(page.S3Objects ?? []);
        Assert.Equal(["photos/2024/", "photos/2025/"], (page.CommonPrefixes ?? []).Order(StringComparer.Ordinal));
    }
}
