using System.Text;
using BleepStore.Application.Abstractions;
using static BleepStore.Infrastructure.Tests.TestSupport.Records;

namespace BleepStore.Infrastructure.Tests.Metadata;

public abstract partial class MetadataStoreContract
{
    // Chosen so that UTF-8 byte order, UTF-16 ordinal order and culture order all disagree somewhere.
    private static readonly string[] TrickyKeys =
    [
        "a", "a/", "a/b", "a b", "a+b", "a%b", "a_b", "axb", "A", "B", "b", "é", "e", "😀", "\uFFFD", "\uE000", "中文", "a/b/c", "ab",
    ];

    [Fact]
    public async Task ListObjectsAsync_TrickyKeys_Utf8ByteOrder()
    {
        await SeedAsync(TrickyKeys);

        var keys = await ListKeysAsync("", null, false, 1000);

        Assert.Equal(ByteSorted(TrickyKeys), keys);
        // U+FFFD (EF BF BD) sorts before 😀 (F0 9F 98 80), unlike UTF-16 ordinal order.
        Assert.True(keys.IndexOf("\uFFFD") < keys.IndexOf("😀"));
        Assert.Equal(["A", "B", "a"], keys.Take(3));
    }

    [Theory]
    [InlineData("a", new[] { "a", "a b", "a%b", "a+b", "a/", "a/b", "a/b/c", "a_b", "ab", "axb" })]
    [InlineData("a/", new[] { "a/", "a/b", "a/b/c" })]
    [InlineData("a%", new[] { "a%b" })]
    [InlineData("a_", new[] { "a_b" })]
    [InlineData("A", new[] { "A" })]
    [InlineData("é", new[] { "é" })]
    [InlineData("\uFFFD", new[] { "\uFFFD" })]
    [InlineData("z", new string[0])]
    public async Task ListObjectsAsync_Prefix_ExactBytePrefixNoWildcardsCaseSensitive(string prefix, string[] expected)
    {
        await SeedAsync(TrickyKeys);

        Assert.Equal(expected, await ListKeysAsync(prefix, null, false, 1000));
    }

    [Fact]
    public async Task ListObjectsAsync_PrefixOfMaxCodePoints_HasNoUpperBound()
    {
        string[] keys = ["\U0010FFFF", "\U0010FFFF\U0010FFFF", "\U0010FFFFa", "\uFFFF"];
        await SeedAsync(keys);

        Assert.Equal(["\U0010FFFF", "\U0010FFFFa", "\U0010FFFF\U0010FFFF"], await ListKeysAsync("\U0010FFFF", null, false, 10));
    }

    [Fact]
    public async Task ListObjectsAsync_FromExclusiveOrInclusive_ResumesAtMarker()
    {
        await SeedAsync(TrickyKeys);
        var all = ByteSorted(TrickyKeys);

        Assert.Equal(all.SkipWhile(k => k != "a/b").Skip(1).Take(3), await ListKeysAsync("", "a/b", false, 3));
        Assert.Equal(all.SkipWhile(k => k != "a/b").Take(3), await ListKeysAsync("", "a/b", true, 3));
        Assert.Equal(["a/b", "a/b/c"], await ListKeysAsync("a/", "a/", false, 10));
        Assert.Equal(["a/", "a/b", "a/b/c"], await ListKeysAsync("a/", "a", false, 10));
        Assert.Empty(await ListKeysAsync("a/", "a0", false, 10));
        Assert.Empty(await ListKeysAsync("", "\U0010FFFF", false, 10));
    }

    [Fact]
    public async Task ListObjectsAsync_PagesOfTwo_ConcatenateToFullListing()
    {
        await SeedAsync(TrickyKeys);
        var pages = new List<string>();
        string? from = null;
        while (true)
        {
            var page = await ListKeysAsync("", from, false, 2);
            pages.AddRange(page);
            if (page.Count < 2)
            {
                break;
            }

            from = page[^1];
        }

        Assert.Equal(ByteSorted(TrickyKeys), pages);
    }

    [Fact]
    public async Task ListObjectsAsync_KeysWithNul_RoundTripAndSortAsBytes()
    {
        await SeedAsync(["a", "a\0b", "a\0", "a\u0001"]);

        Assert.Equal(["a", "a\0", "a\0b", "a\u0001"], await ListKeysAsync("a", null, false, 10));
        Assert.Equal(["a\0", "a\0b"], await ListKeysAsync("a\0", null, false, 10));
        Assert.Equal("a\0b", (await Store.GetObjectAsync("list", "a\0b", Ct))!.Key);
    }

    [Fact]
    public async Task ListObjectsAsync_OtherBucketAndZeroLimit_Excluded()
    {
        await SeedAsync(["k1", "k2"]);
        await Store.TryCreateBucketAsync(Bucket("other"), Ct);
        await Store.PutObjectAsync(Object("other", "k0"), WriteCondition.None, Ct);

        Assert.Equal(["k1", "k2"], await ListKeysAsync("", null, false, 10));
        Assert.Empty(await ListKeysAsync("", null, false, 0));
    }

    protected static List<string> ByteSorted(IEnumerable<string> keys) =>
        keys.OrderBy(k => Encoding.UTF8.GetBytes(k), Comparer<byte[]>.Create((x, y) => x.AsSpan().SequenceCompareTo(y))).ToList();

    private async Task SeedAsync(IEnumerable<string> keys)
    {
        await Store.TryCreateBucketAsync(Bucket("list"), Ct);
        foreach (var key in keys.Reverse())
        {
            await Store.PutObjectAsync(Object("list", key), WriteCondition.None, Ct);
        }
    }

    private async Task<List<string>> ListKeysAsync(string prefix, string? from, bool inclusive, int limit) =>
        (await Store.ListObjectsAsync("list", prefix, from, inclusive, limit, Ct)).Select(r => r.Key).ToList();
}
