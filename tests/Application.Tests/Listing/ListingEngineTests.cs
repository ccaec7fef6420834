using BleepStore.Application.Abstractions;
using BleepStore.Application.Listing;
using BleepStore.Domain.Access;
using BleepStore.Domain.Objects;
using NSubstitute;

namespace BleepStore.Application.Tests.Listing;

public sealed class ListingEngineTests
{
    private static readonly string[] Fixture =
    [
        "file1.txt", "file2.txt", "photos/2024/jan/photo1.jpg", "photos/2024/jan/photo2.jpg",
        "photos/2024/feb/photo3.jpg", "photos/2025/mar/photo4.jpg", "docs/readme.md", "docs/guide.md",
    ];

    [Fact]
    public async Task ListAsync_NoDelimiter_ReturnsAllInByteOrder()
    {
        var page = await ListingEngine.ListAsync(Store(Fixture), "b", "", null, null, 1000, default);
        Assert.Equal(Fixture.OrderBy(k => k, Utf8Order.Instance), page.Contents.Select(o => o.Key));
        Assert.False(page.IsTruncated);
    }

    [Fact]
    public async Task ListAsync_SlashDelimiter_RollsUpPrefixes()
    {
        var page = await ListingEngine.ListAsync(Store(Fixture), "b", "", "/", null, 1000, default);
        Assert.Equal(["file1.txt", "file2.txt"], page.Contents.Select(o => o.Key));
        Assert.Equal(["docs/", "photos/"], page.CommonPrefixes);
    }

    [Fact]
    public async Task ListAsync_PrefixAndDelimiter_RollsUpBelowPrefix()
    {
        var page = await ListingEngine.ListAsync(Store(Fixture), "b", "photos/", "/", null, 1000, default);
        Assert.Empty(page.Contents);
        Assert.Equal(["photos/2024/", "photos/2025/"], page.CommonPrefixes);
    }

    [Fact]
    public async Task ListAsync_PagesOfOne_NeverRepeatCommonPrefixes()
    {
        var store = Store(Fixture);
        var seen = new List<string>();
        string? resume = null;
        for (var i = 0; i < 10; i++)
        {
            var page = await ListingEngine.ListAsync(store, "b", "", "/", resume, 1, default);
            seen.AddRange(page.Contents.Select(c => c.Key));
            seen.AddRange(page.CommonPrefixes);
            if (!page.IsTruncated)
            {
                break;
            }

            resume = page.Last;
        }

        Assert.Equal(["docs/", "file1.txt", "file2.txt", "photos/"], seen);
    }

    [Fact]
    public async Task ListAsync_MultiCharacterDelimiter_RollsUpThroughDelimiter()
    {
        var page = await ListingEngine.ListAsync(Store(["a--b--c", "a--d", "e"]), "b", "", "--", null, 1000, default);
        Assert.Equal(["a--"], page.CommonPrefixes);
        Assert.Equal(["e"], page.Contents.Select(c => c.Key));
    }

    [Fact]
    public async Task ListAsync_MaxKeysZero_EmptyAndNotTruncated()
    {
        var page = await ListingEngine.ListAsync(Store(Fixture), "b", "", null, null, 0, default);
        Assert.Empty(page.Contents);
        Assert.False(page.IsTruncated);
    }

    [Fact]
    public async Task ListAsync_ExactlyMaxKeys_NotTruncated()
    {
        var page = await ListingEngine.ListAsync(Store(["a", "b"]), "b", "", null, null, 2, default);
        Assert.Equal(2, page.Contents.Count);
        Assert.False(page.IsTruncated);
    }

    [Fact]
    public async Task ListAsync_StartAfter_IsStrictlyAfter()
    {
        var page = await ListingEngine.ListAsync(Store(Fixture), "b", "", null, "file2.txt", 1000, default);
        Assert.DoesNotContain(page.Contents, c => c.Key is "file1.txt" or "file2.txt");
        Assert.Equal(4, page.Contents.Count);
    }

    [Fact]
    public void RolledUpPrefix_KeyOutsidePrefix_Null() => Assert.Null(ListingEngine.RolledUpPrefix("x/y", "a", "/"));

    /// <summary>A store whose ListObjectsAsync behaves as the port says, over an in-memory key set.</summary>
    private static IMetadataStore Store(IEnumerable<string> keys)
    {
        var sorted = keys.OrderBy(k => k, Utf8Order.Instance).Select(Record).ToList();
        var store = Substitute.For<IMetadataStore>();
        store.ListObjectsAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<string?>(), Arg.Any<bool>(), Arg.Any<int>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                var prefix = call.ArgAt<string>(1);
                var from = call.ArgAt<string?>(2);
                var inclusive = call.ArgAt<bool>(3);
                var limit = call.ArgAt<int>(4);
                IReadOnlyList<ObjectRecord> rows = sorted
                    .Where(r => r.Key.StartsWith(prefix, StringComparison.Ordinal))
                    .Where(r => from is null || (inclusive ? Utf8Order.Instance.Compare(r.Key, from) >= 0 : Utf8Order.Instance.Compare(r.Key, from) > 0))
                    .Take(limit)
                    .ToList();
                return Task.FromResult(rows);
            });
        return store;
    }

    private static ObjectRecord Record(string key) => new()
    {
        Bucket = "b",
        Key = key,
        Size = 1,
        ETag = ETag.Empty,
        Content = ContentHeaders.Default,
        Acl = AccessControlList.Private(new Owner("o", "o")),
        LastModified = DateTimeOffset.UnixEpoch,
        BlobId = key,
    };
}
