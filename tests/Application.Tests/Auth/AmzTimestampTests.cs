using System.Globalization;
using BleepStore.Application.Auth;

namespace BleepStore.Application.Tests.Auth;

public sealed class AmzTimestampTests
{
    [Theory]
    [InlineData("20130524T000000Z", "2013-05-24T00:00:00Z")]
    [InlineData("20240229T235959Z", "2024-02-29T23:59:59Z")]
    [InlineData("99991231T235959Z", "9999-12-31T23:59:59Z")]
    [InlineData("00010101T000000Z", "0001-01-01T00:00:00Z")]
    public void TryParseIso_Valid_ParsesAsUtc(string value, string expected)
    {
        Assert.True(AmzTimestamp.TryParseIso(value, out var time));
        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), time);
        Assert.Equal(TimeSpan.Zero, time.Offset);
        Assert.Equal(value, AmzTimestamp.Format(time));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("20130524T000000")]
    [InlineData("20130524T000000ZZ")]
    [InlineData("20130524 000000Z")]
    [InlineData("20130524T000000z")]
    [InlineData("2013-05-24T00:00")]
    [InlineData("20130230T000000Z")]
    [InlineData("20230229T000000Z")]
    [InlineData("20131324T000000Z")]
    [InlineData("20130500T000000Z")]
    [InlineData("20130524T240000Z")]
    [InlineData("20130524T006000Z")]
    [InlineData("20130524T000060Z")]
    [InlineData("00000524T000000Z")]
    [InlineData("2013052AT000000Z")]
    [InlineData("+2013052T000000Z")]
    [InlineData("２0130524T000000Z")]
    public void TryParseIso_Invalid_False(string? value) => Assert.False(AmzTimestamp.TryParseIso(value, out _));

    [Fact]
    public void TryParseIso_AgreesWithTryParseExact_OnEveryFieldBoundary()
    {
        var values = new List<string>();
        foreach (var y in new[] { "0001", "1999", "2000", "2100", "2024", "9999" })
        foreach (var m in new[] { "00", "01", "02", "12", "13" })
        foreach (var d in new[] { "00", "01", "28", "29", "30", "31", "32" })
        foreach (var t in new[] { "000000", "235959", "240000", "236000", "235960", "1a0000" })
        {
            values.Add($"{y}{m}{d}T{t}Z");
        }

        foreach (var v in values)
        {
            var expected = DateTimeOffset.TryParseExact(v, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var e);
            Assert.True(expected == AmzTimestamp.TryParseIso(v, out var actual), v);
            if (expected)
            {
                Assert.Equal(e, actual);
            }
        }
    }

    [Theory]
    [InlineData("Wed, 02 Dec 2026 17:11:43 GMT", "2026-12-02T17:11:43Z")]
    [InlineData("Wed, 02 Dec 2026 17:11:43 -0000", "2026-12-02T17:11:43Z")] // botocore's formatdate
    [InlineData("Wed, 02 Dec 2026 18:11:43 +0100", "2026-12-02T17:11:43Z")]
    public void TryParseHttpDate_Rfc1123AndNumericZones_Parses(string value, string expected)
    {
        Assert.True(AmzTimestamp.TryParseHttpDate(value, out var time));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), time);
    }

    [Theory]
    [InlineData("not a date")]
    [InlineData("2026-12-02T17:11:43Z")]
    public void TryParseHttpDate_Other_Fails(string value) => Assert.False(AmzTimestamp.TryParseHttpDate(value, out _));
}
