using BleepStore.Domain.Objects;

namespace BleepStore.Domain.Tests.Objects;

public sealed class ByteRangeTests
{
    [Theory]
    [InlineData("bytes=0-4", 10, 0, 4)]
    [InlineData("bytes=5-", 10, 5, 9)]
    [InlineData("bytes=-3", 10, 7, 9)]
    [InlineData("bytes=-30", 10, 0, 9)]
    [InlineData("bytes=2-100", 10, 2, 9)]
    public void Parse_Satisfiable_ReturnsRange(string header, long size, long first, long last)
    {
        var range = ByteRange.Parse(header, size, out var unsatisfiable);
        Assert.False(unsatisfiable);
        Assert.Equal(new ByteRange(first, last), range);
    }

    [Theory]
    [InlineData("bytes=100-200", 5)]
    [InlineData("bytes=5-", 5)]
    [InlineData("bytes=-0", 5)]
    [InlineData("bytes=0-0", 0)]
    [InlineData("bytes=-5", 0)]
    public void Parse_Unsatisfiable_Flags416(string header, long size)
    {
        Assert.Null(ByteRange.Parse(header, size, out var unsatisfiable));
        Assert.True(unsatisfiable);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("items=0-4")]
    [InlineData("bytes=0-1,3-4")]
    [InlineData("bytes=abc")]
    [InlineData("bytes=4-2")]
    public void Parse_IgnoredForms_ReturnNullWithout416(string? header)
    {
        Assert.Null(ByteRange.Parse(header, 10, out var unsatisfiable));
        Assert.False(unsatisfiable);
    }
}
