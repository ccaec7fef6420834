using BleepStore.Domain.Time;

namespace BleepStore.Domain.Tests;

public sealed class FixedDigitsTests
{
    [Theory]
    [InlineData("x2026y", 1, 4, 2026)]
    [InlineData("007", 0, 3, 7)]
    [InlineData("9", 0, 1, 9)]
    public void TryRead_Digits_ReadsThem(string s, int start, int count, int expected)
    {
        Assert.True(FixedDigits.TryRead(s, start, count, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("12a4")]
    [InlineData("-123")]
    [InlineData("1 23")]
    [InlineData("１234")]
    public void TryRead_NonDigit_False(string s) => Assert.False(FixedDigits.TryRead(s, 0, 4, out _));

    [Theory]
    [InlineData(2024, 2, 29, 23, 59, 59, 999, true)]
    [InlineData(2023, 2, 29, 0, 0, 0, 0, false)]
    [InlineData(0, 1, 1, 0, 0, 0, 0, false)]
    [InlineData(2026, 13, 1, 0, 0, 0, 0, false)]
    [InlineData(2026, 4, 31, 0, 0, 0, 0, false)]
    [InlineData(2026, 1, 1, 24, 0, 0, 0, false)]
    [InlineData(2026, 1, 1, 0, 60, 0, 0, false)]
    [InlineData(2026, 1, 1, 0, 0, 60, 0, false)]
    [InlineData(2026, 1, 1, 0, 0, 0, 1000, false)]
    public void TryCreateUtc_ChecksEveryField(int y, int mo, int d, int h, int mi, int s, int ms, bool valid)
    {
        Assert.Equal(valid, FixedDigits.TryCreateUtc(y, mo, d, h, mi, s, ms, out var value));
        if (valid)
        {
            Assert.Equal(new DateTimeOffset(y, mo, d, h, mi, s, ms, TimeSpan.Zero), value);
        }
    }
}
