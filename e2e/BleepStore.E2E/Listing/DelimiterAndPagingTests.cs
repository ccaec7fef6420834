using System.Net;

namespace BleepStore.E2E.Listing;

/// <summary>Arbitrary delimiters, paging through common prefixes, markers, start-after and the max-keys clamp in v1, v2 and versions listings.</summary>
public sealed class DelimiterAndPagingTests(DelimiterFixture fixture) : IClassFixture<DelimiterFixture>
{
    private readonly IAmazonS3 _s3 = fixture.S3;
    private readonly string _bucket = fixture.Bucket;

    [Fact]
    public async Task V2_PipeDelimiter_RollsUpGroups()
    {
        var page = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = "p|", Delimiter = "|" });

        Assert.Equal(["p|c"], Keys(page.S3Objects));
        Assert.Equal(["p|a|", "p|b|", "p|d|"], page.CommonPrefixes ?? []);
    }

    [Fact]
    public async Task V2_MultiCharacterDelimiter_RollsUpGroups()
    {
        var page = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = "d", Delimiter = "--" });

        Assert.Equal(["d-single"], Keys(page.S3Objects));
        Assert.Equal(["d--"], page.CommonPrefixes ?? []);

        var inner = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = "d--", Delimiter = "--" });
        Assert.Equal(["d--two"], Keys(inner.S3Objects));
        Assert.Equal(["d--one--", "d--three--"], inner.CommonPrefixes ?? []);
    }

    [Fact]
    public async Task V1_PipeDelimiter_RollsUpGroups()
    {
        var page = await _s3.ListObjectsAsync(new ListObjectsRequest { BucketName = _bucket, Prefix = "p|", Delimiter = "|" });

        Assert.Equal(["p|c"], Keys(page.S3Objects));
        Assert.Equal(["p|a|", "p|b|", "p|d|"], page.CommonPrefixes ?? []);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task V2_PagesThroughCommonPrefixes_EachEntryOnce(int maxKeys)
    {
        var (keys, prefixes, pages) = await PageV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = "g/", Delimiter = "/", MaxKeys = maxKeys });

        Assert.Equal(["g/loose-1", "g/loose-2", "g/z"], keys);
        Assert.Equal(["g/a/", "g/b/", "g/c/", "g/d/", "g/e/"], prefixes);
        Assert.Equal((int)Math.Ceiling(8.0 / maxKeys), pages);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task V1_PagesThroughCommonPrefixes_WithNextMarker_EachEntryOnce(int maxKeys)
    {
        var keys = new List<string>();
        var prefixes = new List<string>();
        string? marker = null;
        var pages = 0;
        while (true)
        {
            var page = await _s3.ListObjectsAsync(new ListObjectsRequest { BucketName = _bucket, Prefix = "g/", Delimiter = "/", MaxKeys = maxKeys, Marker = marker });
            pages++;
            keys.AddRange(Keys(page.S3Objects));
            prefixes.AddRange(page.CommonPrefixes ?? []);
            Assert.True(pages < 50, "v1 listing does not end");
            if (page.IsTruncated != true)
            {
                break;
            }

            Assert.False(string.IsNullOrEmpty(page.NextMarker), "truncated v1 page with a delimiter has no NextMarker");
            marker = page.NextMarker;
        }

        Assert.Equal(["g/loose-1", "g/loose-2", "g/z"], keys);
        Assert.Equal(["g/a/", "g/b/", "g/c/", "g/d/", "g/e/"], prefixes);
    }

    [Fact]
    public async Task V2_MaxKeysAbove1000_ClampedTo1000()
    {
        var page = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = "flat/", MaxKeys = 5000 });

        Assert.Equal(1000, page.KeyCount);
        Assert.Equal(1000, page.MaxKeys);
        Assert.True(page.IsTruncated);
        Assert.Equal(DelimiterFixture.FlatKeys.Take(1000), Keys(page.S3Objects));
    }

    [Fact]
    public async Task V1_MaxKeysAbove1000_ClampedTo1000_MarkerResumes()
    {
        var first = await _s3.ListObjectsAsync(new ListObjectsRequest { BucketName = _bucket, Prefix = "flat/", MaxKeys = 2000 });
        var second = await _s3.ListObjectsAsync(new ListObjectsRequest { BucketName = _bucket, Prefix = "flat/", Marker = first.S3Objects![^1].Key });

        Assert.Equal(1000, first.S3Objects.Count);
        Assert.True(first.IsTruncated);
        Assert.Equal(DelimiterFixture.FlatKeys.Skip(1000), Keys(second.S3Objects));
        Assert.NotEqual(true, second.IsTruncated);
    }

    [Fact]
    public async Task V2_DefaultPaging_1100Keys_TwoPagesInOrder()
    {
        var (keys, _, pages) = await PageV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = "flat/" });

        Assert.Equal(2, pages);
        Assert.Equal(DelimiterFixture.FlatKeys, keys);
    }

    [Fact]
    public async Task V2_StartAfter_AndTokenWinsOverStartAfter()
    {
        var page = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = "flat/", StartAfter = "flat/01095" });
        Assert.Equal(["flat/01096", "flat/01097", "flat/01098", "flat/01099"], Keys(page.S3Objects));
        Assert.Equal("flat/01095", page.StartAfter);

        var first = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = "flat/", MaxKeys = 2 });
        var next = await _s3.ListObjectsV2Async(new ListObjectsV2Request
        {
            BucketName = _bucket, Prefix = "flat/", MaxKeys = 2, ContinuationToken = first.NextContinuationToken, StartAfter = "flat/01000",
        });
        Assert.Equal(["flat/00002", "flat/00003"], Keys(next.S3Objects));
        Assert.Equal(first.NextContinuationToken, next.ContinuationToken);
    }

    [Fact]
    public async Task V2_StartAfterACommonPrefix_SkipsItsKeys()
    {
        var page = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = "g/", Delimiter = "/", StartAfter = "g/b/" });

        Assert.Equal(["g/c/", "g/d/", "g/e/"], page.CommonPrefixes ?? []);
    }

    [Fact]
    public async Task V2_MaxKeysZero_EmptyNotTruncated()
    {
        var page = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, MaxKeys = 0 });

        Assert.Equal(0, page.KeyCount ?? 0);
        Assert.Empty(page.S3Objects ?? []);
        Assert.NotEqual(true, page.IsTruncated);
    }

    [Fact]
    public async Task V2_BadContinuationToken_FailsInvalidArgument()
    {
        await S3Assert.FailsWithAsync("InvalidArgument", HttpStatusCode.BadRequest,
            () => _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, ContinuationToken = "!!not-a-token!!" }));
    }

    [Fact]
    public async Task V2_FetchOwner_ReturnsOwner_V1_AlwaysOwner()
    {
        var v2 = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = "plain", FetchOwner = true });
        var v1 = await _s3.ListObjectsAsync(new ListObjectsRequest { BucketName = _bucket, Prefix = "plain" });

        Assert.Equal(E2ESettings.Current.AccessKey, Assert.Single(v2.S3Objects ?? []).Owner?.Id);
        Assert.Equal(E2ESettings.Current.AccessKey, Assert.Single(v1.S3Objects ?? []).Owner?.Id);
    }

    [Fact]
    public async Task ListVersions_EveryObjectOneNullVersion_PagedWithKeyMarker()
    {
        var versions = new List<S3ObjectVersion>();
        string? keyMarker = null, versionMarker = null;
        var pages = 0;
        while (true)
        {
            var page = await _s3.ListVersionsAsync(new ListVersionsRequest
            {
                BucketName = _bucket, Prefix = "flat/", MaxKeys = 400, KeyMarker = keyMarker, VersionIdMarker = versionMarker,
            });
            pages++;
            versions.AddRange(page.Versions ?? []);
            Assert.True(pages < 10, "ListObjectVersions does not end");
            if (page.IsTruncated != true)
            {
                break;
            }

            keyMarker = page.NextKeyMarker;
            versionMarker = page.NextVersionIdMarker;
        }

        Assert.Equal(3, pages);
        Assert.Equal(DelimiterFixture.FlatKeys, versions.Select(v => v.Key));
        Assert.All(versions, v =>
        {
            Assert.Equal("null", v.VersionId);
            Assert.True(v.IsLatest);
            Assert.NotEqual(true, v.IsDeleteMarker);
        });
    }

    [Fact]
    public async Task ListVersions_Delimiter_RollsUp()
    {
        var page = await _s3.ListVersionsAsync(new ListVersionsRequest { BucketName = _bucket, Prefix = "p|", Delimiter = "|" });

        Assert.Equal(["p|c"], (page.Versions ?? []).Select(v => v.Key));
        Assert.Equal(["p|a|", "p|b|", "p|d|"], page.CommonPrefixes ?? []);
    }

    private static List<string> Keys(List<S3Object>? objects) => (objects ?? []).Select(o => o.Key).ToList();

    private async Task<(List<string> Keys, List<string> Prefixes, int Pages)> PageV2Async(ListObjectsV2Request request)
    {
        var keys = new List<string>();
        var prefixes = new List<string>();
        var pages = 0;
        while (true)
        {
            var page = await _s3.ListObjectsV2Async(request);
            pages++;
            keys.AddRange(Keys(page.S3Objects));
            prefixes.AddRange(page.CommonPrefixes ?? []);
            Assert.True(pages < 100, "v2 listing does not end");
            if (page.IsTruncated != true)
            {
                break;
            }

            request.ContinuationToken = page.NextContinuationToken;
        }

        return (keys, prefixes, pages);
    }
}
