using BleepStore.Application.Listing.ListObjectVersions;
using BleepStore.Application.Tests.Objects;
using BleepStore.Application.Tests.Uploads.Fakes;
using static BleepStore.Application.Tests.Objects.ObjectHandlerFixture;

namespace BleepStore.Application.Tests.Listing;

public sealed class ListObjectVersionsHandlerTests
{
    private static readonly string[] Keys = ["a/1", "a/2", "b", "c"];

    private readonly ObjectHandlerFixture _f = new();

    public ListObjectVersionsHandlerTests()
    {
        foreach (var key in Keys)
        {
            _f.PutAsync(key, [1]).GetAwaiter().GetResult();
        }
    }

    [Fact]
    public async Task Handle_NoParameters_EveryObjectOnceNotTruncated()
    {
        var result = await ListAsync(new ListObjectVersionsQuery(Context, Bucket));

        Assert.Equal(Keys, result.Page.Contents.Select(o => o.Key));
        Assert.False(result.Page.IsTruncated);
        Assert.Equal((null, null), (result.NextKeyMarker, result.NextVersionIdMarker));
    }

    [Fact]
    public async Task Handle_TruncatedOnAKey_NextMarkersAreKeyAndNullVersion()
    {
        var result = await ListAsync(new ListObjectVersionsQuery(Context, Bucket, MaxKeys: 3));

        Assert.True(result.Page.IsTruncated);
        Assert.Equal(("b", "null"), (result.NextKeyMarker, result.NextVersionIdMarker));
    }

    [Fact]
    public async Task Handle_TruncatedOnACommonPrefix_NoVersionIdMarker()
    {
        var result = await ListAsync(new ListObjectVersionsQuery(Context, Bucket, Delimiter: "/", MaxKeys: 1));

        Assert.Equal(["a/"], result.Page.CommonPrefixes);
        Assert.Equal(("a/", null), (result.NextKeyMarker, result.NextVersionIdMarker));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    [InlineData("some-other-version")]
    public async Task Handle_KeyMarker_ResumesStrictlyAfterKeyWhateverTheVersionMarker(string? versionIdMarker)
    {
        var result = await ListAsync(new ListObjectVersionsQuery(Context, Bucket, KeyMarker: "a/2", VersionIdMarker: versionIdMarker));

        Assert.Equal(["b", "c"], result.Page.Contents.Select(o => o.Key));
    }

    [Fact]
    public async Task Handle_PagesFollowingNextKeyMarker_CoverEverythingOnce()
    {
        var seen = new List<string>();
        string? marker = null;
        while (true)
        {
            var result = await ListAsync(new ListObjectVersionsQuery(Context, Bucket, MaxKeys: 1, KeyMarker: marker, VersionIdMarker: marker is null ? null : "null"));
            seen.AddRange(result.Page.Contents.Select(o => o.Key));
            if (!result.Page.IsTruncated)
            {
                break;
            }

            marker = result.NextKeyMarker;
        }

        Assert.Equal(Keys, seen);
    }

    [Fact]
    public async Task Handle_AnonymousOnPrivateBucket_AccessDenied() =>
        await S3Assert.ThrowsAsync("AccessDenied", () => ListAsync(new ListObjectVersionsQuery(Anonymous, Bucket)));

    [Fact]
    public async Task Handle_MissingBucket_NoSuchBucket() =>
        await S3Assert.ThrowsAsync("NoSuchBucket", () => ListAsync(new ListObjectVersionsQuery(Context, "nope")));

    private Task<ListObjectVersionsResult> ListAsync(ListObjectVersionsQuery query) => new ListObjectVersionsHandler(_f.Store).Handle(query, default);
}
