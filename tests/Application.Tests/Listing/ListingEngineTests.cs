using BleepStore.Application.Listing;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Domain.Access;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Tests.Listing;

public sealed class ListingEngineTests
{
    private static readonly Owner Owner = new("o", "o");

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

    [Fact]
    public async Task ListAsync_RolledUpPrefixOverManyKeys_SeeksPastItInsteadOfScanning()
    {
        var store = Store([.. Enumerable.Range(0, 500).Select(i => $"photos/{i:D3}.jpg"), "z"]);

        var page = await ListingEngine.ListAsync(store, "b", "", "/", null, 1000, default);

        Assert.Equal(["photos/"], page.CommonPrefixes);
        Assert.Equal(["z"], page.Contents.Select(c => c.Key));
        // One read finds the first key under the prefix, the next starts at the prefix's successor.
        Assert.Equal([("", null, false), ("", "photos0", true)], store.ListObjectsCalls.Select(c => (c.Prefix, c.From, c.Inclusive)));
    }

    /// <summary>The in-memory metadata adapter holding <paramref name="keys"/> in bucket "b".</summary>
    private static TestMetadataStore Store(IEnumerable<string> keys)
    {
        var store = new TestMetadataStore();
        store.AddBucket("b", Owner);
        foreach (var key in keys)
        {
            store.AddObject(Record(key));
        }

        return store;
    }

    private static ObjectRecord Record(string key) => new()
    {
        Bucket = "b",
        Key = key,
        Size = 1,
        ETag = ETag.Empty,
        Content = ContentHeaders.Default,
        Acl = AccessControlList.Private(Owner),
        LastModified = DateTimeOffset.UnixEpoch,
        BlobId = key,
    };
}
