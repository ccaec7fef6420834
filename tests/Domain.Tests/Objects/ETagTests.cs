using BleepStore.Domain.Objects;

namespace BleepStore.Domain.Tests.Objects;

public sealed class ETagTests
{
    [Theory]
    [InlineData("\"abc\"", true)]
    [InlineData("abc", true)]
    [InlineData("W/\"abc\"", true)]
    [InlineData("\"x\", \"abc\"", true)]
    [InlineData("*", true)]
    [InlineData("\"abd\"", false)]
    public void ListMatches_ComparesWithoutQuotes(string header, bool expected) =>
        Assert.Equal(expected, ETag.ListMatches(header, "\"abc\""));

    [Fact]
    public void FromMd5_QuotesLowerHex() => Assert.Equal("\"00ff\"", ETag.FromMd5([0x00, 0xFF]));
}
