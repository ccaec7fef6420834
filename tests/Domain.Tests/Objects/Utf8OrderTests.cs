using BleepStore.Domain.Objects;

namespace BleepStore.Domain.Tests.Objects;

public sealed class Utf8OrderTests
{
    [Fact]
    public void Compare_SupplementaryCharacter_SortsAfterBmpPrivateUse()
    {
        // U+1F600 (😀) is F0 9F 98 80 in UTF-8, after U+FFFD (EF BF BD); UTF-16 ordinal says the opposite.
        Assert.True(Utf8Order.Instance.Compare("😀", "\uFFFD") > 0);
        Assert.True(string.CompareOrdinal("😀", "\uFFFD") < 0);
    }

    [Fact]
    public void Compare_MatchesUtf8ByteOrder_ForMixedKeys()
    {
        string[] keys = ["a", "a/", "a/b", "a b", "a+b", "é", "😀", "\uFFFD", "Z", "a%", "a_"];
        var byBytes = keys.OrderBy(k => System.Text.Encoding.UTF8.GetBytes(k), new ByteArrayComparer()).ToArray();
        var byOrder = keys.OrderBy(k => k, Utf8Order.Instance).ToArray();
        Assert.Equal(byBytes, byOrder);
    }

    [Theory]
    [InlineData("photos/", "photos0")]
    [InlineData("a", "b")]
    [InlineData("a\uD7FF", "a\uE000")]
    public void PrefixSuccessor_ReturnsLeastGreaterString(string prefix, string expected) =>
        Assert.Equal(expected, Utf8Order.PrefixSuccessor(prefix));

    [Fact]
    public void PrefixSuccessor_AllMaxCodePoints_ReturnsNull() => Assert.Null(Utf8Order.PrefixSuccessor("\U0010FFFF"));

    [Fact]
    public void PrefixSuccessor_IsGreaterThanEveryExtension()
    {
        var successor = Utf8Order.PrefixSuccessor("ab😀")!;
        Assert.True(Utf8Order.Instance.Compare("ab😀\U0010FFFF\U0010FFFF", successor) < 0);
        Assert.False(successor.StartsWith("ab😀", StringComparison.Ordinal));
    }

    private sealed class ByteArrayComparer : IComparer<byte[]>
    {
        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
