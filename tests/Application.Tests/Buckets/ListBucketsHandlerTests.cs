using BleepStore.Application.Buckets.ListBuckets;
using BleepStore.Application.Tests.Uploads.Fakes;
using static BleepStore.Application.Tests.Buckets.BucketHandlerFixture;

namespace BleepStore.Application.Tests.Buckets;

public sealed class ListBucketsHandlerTests
{
    private readonly BucketHandlerFixture _f = new();

    public ListBucketsHandlerTests()
    {
        _f.AddBucket("zeta", Alice);
        _f.AddBucket("bobs", Bob, "public-read");
        _f.AddBucket("alpha", Alice);
        _f.AddBucket("Alpha-upper", Alice);
        _f.AddBucket("alphabet", Alice);
    }

    [Fact]
    public async Task Handle_TwoOwners_ListsOnlyCallersBucketsByName()
    {
        var result = await Handler().Handle(new ListBucketsQuery(As(Alice)), default);

        Assert.Equal(Alice, result.Owner);
        Assert.Equal(["Alpha-upper", "alpha", "alphabet", "zeta"], result.Buckets.Select(b => b.Name));
        Assert.Equal(["bobs"], (await Handler().Handle(new ListBucketsQuery(As(Bob)), default)).Buckets.Select(b => b.Name));
    }

    [Fact]
    public async Task Handle_Prefix_CaseSensitiveStartsWith()
    {
        var result = await Handler().Handle(new ListBucketsQuery(As(Alice), "alpha"), default);

        Assert.Equal(["alpha", "alphabet"], result.Buckets.Select(b => b.Name));
    }

    [Fact]
    public async Task Handle_CallerWithoutBuckets_EmptyList()
    {
        var result = await Handler().Handle(new ListBucketsQuery(As(new("carol", "Carol"))), default);

        Assert.Empty(result.Buckets);
    }

    [Fact]
    public async Task Handle_NoParameters_EveryBucketNoTokenNoRegions()
    {
        var result = await Handler().Handle(new ListBucketsQuery(As(Alice)), default);

        Assert.Equal((null, null, false), (result.ContinuationToken, result.Prefix, result.WithRegions));
    }

    [Fact]
    public async Task Handle_MaxBuckets_PagesWithTokensUntilTheLast()
    {
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Handler().Handle(new ListBucketsQuery(As(Alice), MaxBuckets: 3, ContinuationToken: token), default);
            Assert.True(page.WithRegions);
            Assert.InRange(page.Buckets.Count, 1, 3);
            seen.AddRange(page.Buckets.Select(b => b.Name));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(2, pages);
        Assert.Equal(["Alpha-upper", "alpha", "alphabet", "zeta"], seen);
    }

    [Fact]
    public async Task Handle_ExactlyMaxBuckets_NoToken()
    {
        var page = await Handler().Handle(new ListBucketsQuery(As(Alice), MaxBuckets: 4), default);

        Assert.Equal(4, page.Buckets.Count);
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task Handle_PrefixAndRegionFilters_PrefixEchoed()
    {
        _f.AddBucket("alpha-eu", Alice, region: "eu-west-1");

        var eu = await Handler().Handle(new ListBucketsQuery(As(Alice), Prefix: "alpha", BucketRegion: "eu-west-1"), default);
        var east = await Handler().Handle(new ListBucketsQuery(As(Alice), BucketRegion: "us-east-1"), default);

        Assert.Equal(["alpha-eu"], eu.Buckets.Select(b => b.Name));
        Assert.Equal("alpha", eu.Prefix);
        Assert.DoesNotContain(east.Buckets, b => b.Name == "alpha-eu");
        Assert.Equal(4, east.Buckets.Count);
    }

    [Theory]
    [InlineData("eu-east-1", "us-east-1")]
    [InlineData("EU-WEST-1", "us-east-1")]
    [InlineData("", "us-east-1")]
    [InlineData("mars-1", "home-1")]
    public async Task Handle_BucketRegionNamingNoRegion_InvalidArgument(string region, string serverRegion)
    {
        var error = await S3Assert.ThrowsAsync("InvalidArgument", () => Handler(serverRegion).Handle(new ListBucketsQuery(As(Alice), BucketRegion: region), default));

        Assert.Equal($"Argument value {region} is not a valid AWS Region", error.Message);
        Assert.Equal(new KeyValuePair<string, string>("ArgumentName", "bucket-region"), Assert.Single(error.Details));
    }

    [Theory]
    [InlineData("us-east-1", "us-east-1")]
    [InlineData("eu-west-1", "us-east-1")]
    [InlineData("home-1", "home-1")]
    public async Task Handle_BucketRegionOfAwsOrTheServer_Accepted(string region, string serverRegion) =>
        Assert.NotNull(await Handler(serverRegion).Handle(new ListBucketsQuery(As(Alice), BucketRegion: region), default));

    [Theory]
    [InlineData("garbage")]
    [InlineData("YWxwaGE")] // base64url("alpha"), not issued here
    public async Task Handle_TokenNotIssuedHere_InvalidArgument(string token) =>
        await S3Assert.ThrowsAsync("InvalidArgument", () => Handler().Handle(new ListBucketsQuery(As(Alice), ContinuationToken: token), default));

    [Fact]
    public async Task Handle_ObjectListingToken_IsNotABucketToken() =>
        await S3Assert.ThrowsAsync("InvalidArgument", () => Handler().Handle(
            new ListBucketsQuery(As(Alice), ContinuationToken: Application.Listing.ContinuationToken.Encode("alpha")), default));

    [Fact]
    public async Task Handle_Anonymous_AccessDeniedEvenWithPublicBuckets() =>
        await S3Assert.ThrowsAsync("AccessDenied", () => Handler().Handle(new ListBucketsQuery(As(null)), default));

    private ListBucketsHandler Handler(string serverRegion = "us-east-1") => new(_f.Store, new S3Options { Region = serverRegion });
}
