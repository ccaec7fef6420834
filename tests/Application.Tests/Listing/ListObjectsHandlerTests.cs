using BleepStore.Application.Listing.ListObjects;
using BleepStore.Application.Tests.Objects;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Domain.Access;
using static BleepStore.Application.Tests.Objects.ObjectHandlerFixture;

namespace BleepStore.Application.Tests.Listing;

public sealed class ListObjectsHandlerTests
{
    private static readonly string[] Keys = ["a/1", "a/2", "a/3", "b", "c/x/1", "c/y", "d", "é"];

    private readonly ObjectHandlerFixture _f = new();

    public ListObjectsHandlerTests()
    {
        foreach (var key in Keys)
        {
            _f.PutAsync(key, [1, 2]).GetAwaiter().GetResult();
        }
    }

    [Fact]
    public async Task Handle_NoParameters_EveryKeyInByteOrderWithListingFields()
    {
        var result = await ListAsync(new ListObjectsQuery(Context, Bucket));

        Assert.Equal(Keys, result.Page.Contents.Select(o => o.Key));
        Assert.Equal(1000, result.MaxKeys);
        Assert.False(result.Page.IsTruncated);
        Assert.Null(result.NextMarker);
        var first = result.Page.Contents[0];
        Assert.Equal((2L, (await _f.RowAsync("a/1"))!.ETag, Alice), (first.Size, first.ETag, first.Acl.Owner));
    }

    [Fact]
    public async Task Handle_Delimiter_RollsUpCommonPrefixes()
    {
        var result = await ListAsync(new ListObjectsQuery(Context, Bucket, Delimiter: "/"));

        Assert.Equal(["b", "d", "é"], result.Page.Contents.Select(o => o.Key));
        Assert.Equal(["a/", "c/"], result.Page.CommonPrefixes);
    }

    [Fact]
    public async Task Handle_PrefixAndDelimiter_RollsUpBelowPrefix()
    {
        var result = await ListAsync(new ListObjectsQuery(Context, Bucket, Prefix: "c/", Delimiter: "/"));

        Assert.Equal(["c/y"], result.Page.Contents.Select(o => o.Key));
        Assert.Equal(["c/x/"], result.Page.CommonPrefixes);
    }

    [Fact]
    public async Task Handle_PagesOfTwoWithMarker_CoverEverythingOnceNextMarkerIsLastEntry()
    {
        var seen = new List<string>();
        string? marker = null;
        var pages = 0;
        while (true)
        {
            var result = await ListAsync(new ListObjectsQuery(Context, Bucket, Delimiter: "/", MaxKeys: 2, Marker: marker));
            pages++;
            var entries = result.Page.Contents.Select(o => o.Key).Concat(result.Page.CommonPrefixes).Order(StringComparer.Ordinal).ToList();
            seen.AddRange(entries);
            if (!result.Page.IsTruncated)
            {
                Assert.Null(result.NextMarker);
                break;
            }

            Assert.Equal(2, entries.Count);
            Assert.Equal(result.Page.Last, result.NextMarker);
            marker = result.NextMarker;
        }

        Assert.Equal(["a/", "b", "c/", "d", "é"], seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Handle_MarkerInsideRolledUpPrefix_ResumesAfterWholePrefix()
    {
        var result = await ListAsync(new ListObjectsQuery(Context, Bucket, Delimiter: "/", Marker: "a/1"));

        Assert.Equal(["b", "d", "é"], result.Page.Contents.Select(o => o.Key));
        Assert.Equal(["c/"], result.Page.CommonPrefixes);
    }

    [Fact]
    public async Task Handle_MarkerWithoutDelimiter_StrictlyAfterMarker()
    {
        var result = await ListAsync(new ListObjectsQuery(Context, Bucket, Marker: "a/2"));

        Assert.Equal(Keys.Skip(2), result.Page.Contents.Select(o => o.Key));
    }

    [Fact]
    public async Task Handle_MaxKeysZero_EmptyAndNotTruncated()
    {
        var result = await ListAsync(new ListObjectsQuery(Context, Bucket, MaxKeys: 0));

        Assert.Empty(result.Page.Contents);
        Assert.False(result.Page.IsTruncated);
        Assert.Null(result.NextMarker);
    }

    [Fact]
    public async Task Handle_MaxKeysAboveThousand_ClampedToThousand() =>
        Assert.Equal(1000, (await ListAsync(new ListObjectsQuery(Context, Bucket, MaxKeys: 5000))).MaxKeys);

    [Fact]
    public async Task Handle_AnonymousOnPrivateBucket_AccessDenied() =>
        await S3Assert.ThrowsAsync("AccessDenied", () => ListAsync(new ListObjectsQuery(Anonymous, Bucket)));

    [Fact]
    public async Task Handle_ReadGranteeOnBucket_ListsEvenPrivateObjects()
    {
        _f.SetBucketAcl("private", (Bob, Permission.Read));

        Assert.Equal(Keys.Length, (await ListAsync(new ListObjectsQuery(As(Bob), Bucket))).Page.Contents.Count);
    }

    [Fact]
    public async Task Handle_MissingBucket_NoSuchBucket() =>
        await S3Assert.ThrowsAsync("NoSuchBucket", () => ListAsync(new ListObjectsQuery(Context, "nope")));

    private Task<ListObjectsResult> ListAsync(ListObjectsQuery query) => new ListObjectsHandler(_f.Store).Handle(query, default);
}
