using BleepStore.Application.Listing;
using BleepStore.Application.Listing.ListObjectsV2;
using BleepStore.Application.Tests.Objects;
using BleepStore.Application.Tests.Uploads.Fakes;
using static BleepStore.Application.Tests.Objects.ObjectHandlerFixture;

namespace BleepStore.Application.Tests.Listing;

public sealed class ListObjectsV2HandlerTests
{
    private static readonly string[] Keys = ["a/1", "a/2", "b", "c/x/1", "c/y", "d", "😀"];

    private readonly ObjectHandlerFixture _f = new();

    public ListObjectsV2HandlerTests()
    {
        foreach (var key in Keys)
        {
            _f.PutAsync(key, [1]).GetAwaiter().GetResult();
        }
    }

    [Fact]
    public async Task Handle_PagesOfThreeWithToken_CoverEverythingOnce()
    {
        var seen = new List<string>();
        string? token = null;
        do
        {
            var result = await ListAsync(new ListObjectsV2Query(Context, Bucket, MaxKeys: 3, ContinuationToken: token));
            seen.AddRange(result.Page.Contents.Select(o => o.Key));
            Assert.Equal(result.Page.IsTruncated, result.NextContinuationToken is not null);
            token = result.NextContinuationToken;
        }
        while (token is not null);

        Assert.Equal(Keys, seen);
    }

    [Fact]
    public async Task Handle_Token_IsOpaqueNotTheKey()
    {
        var result = await ListAsync(new ListObjectsV2Query(Context, Bucket, MaxKeys: 1));

        Assert.NotEqual("a/1", result.NextContinuationToken);
        Assert.Equal("a/1", ContinuationToken.Decode(result.NextContinuationToken!));
    }

    [Fact]
    public async Task Handle_TokenAndStartAfter_TokenWins()
    {
        var result = await ListAsync(new ListObjectsV2Query(Context, Bucket, ContinuationToken: ContinuationToken.Encode("c/y"), StartAfter: "a"));

        Assert.Equal(["d", "😀"], result.Page.Contents.Select(o => o.Key));
    }

    [Fact]
    public async Task Handle_StartAfter_StrictlyAfterEvenWhenNotAKey()
    {
        Assert.Equal(Keys.Skip(2), (await ListAsync(new ListObjectsV2Query(Context, Bucket, StartAfter: "a/2"))).Page.Contents.Select(o => o.Key));
        Assert.Equal(Keys.Skip(2), (await ListAsync(new ListObjectsV2Query(Context, Bucket, StartAfter: "a/3"))).Page.Contents.Select(o => o.Key));
    }

    [Fact]
    public async Task Handle_DelimiterPagesOfOne_EachCommonPrefixOnce()
    {
        var entries = new List<string>();
        string? token = null;
        do
        {
            var result = await ListAsync(new ListObjectsV2Query(Context, Bucket, Delimiter: "/", MaxKeys: 1, ContinuationToken: token));
            entries.AddRange(result.Page.Contents.Select(o => o.Key).Concat(result.Page.CommonPrefixes));
            token = result.NextContinuationToken;
        }
        while (token is not null);

        Assert.Equal(["a/", "b", "c/", "d", "😀"], entries);
    }

    [Theory]
    [InlineData("not base64 !")]
    [InlineData("_w")]
    public async Task Handle_BadToken_InvalidArgument(string token)
    {
        var ex = await S3Assert.ThrowsAsync("InvalidArgument", () => ListAsync(new ListObjectsV2Query(Context, Bucket, ContinuationToken: token)));

        Assert.Contains(new KeyValuePair<string, string>("ArgumentName", "continuation-token"), ex.Details);
    }

    [Fact]
    public async Task Handle_AnonymousOnPrivateBucket_AccessDenied() =>
        await S3Assert.ThrowsAsync("AccessDenied", () => ListAsync(new ListObjectsV2Query(Anonymous, Bucket)));

    [Fact]
    public async Task Handle_MissingBucket_NoSuchBucket() =>
        await S3Assert.ThrowsAsync("NoSuchBucket", () => ListAsync(new ListObjectsV2Query(Context, "nope")));

    private Task<ListObjectsV2Result> ListAsync(ListObjectsV2Query query) => new ListObjectsV2Handler(_f.Store).Handle(query, default);
}
