using BleepStore.Application.Auth;

namespace BleepStore.Application.Tests.Auth;

public sealed class HexTests
{
    [Theory]
    [InlineData("00ff10Ab", new byte[] { 0x00, 0xFF, 0x10, 0xAB })]
    [InlineData("DEADbeef", new byte[] { 0xDE, 0xAD, 0xBE, 0xEF })]
    public void TryParse_ValidEitherCase_Parses(string hex, byte[] expected)
    {
        var chars = new byte[expected.Length];
        Assert.True(Hex.TryParse(hex.AsSpan(), chars));
        Assert.Equal(expected, chars);

        var ascii = new byte[expected.Length];
        Assert.True(Hex.TryParse(System.Text.Encoding.ASCII.GetBytes(hex), ascii));
        Assert.Equal(expected, ascii);
    }

    [Theory]
    [InlineData("00ff10a")]
    [InlineData("00ff10abcd")]
    [InlineData("00ff10ag")]
    [InlineData("00ff 10a")]
    [InlineData("00ff10aé")]
    [InlineData("")]
    public void TryParse_WrongLengthOrCharacter_False(string hex)
    {
        Assert.False(Hex.TryParse(hex.AsSpan(), new byte[4]));
        Assert.False(Hex.TryParse(System.Text.Encoding.UTF8.GetBytes(hex), new byte[4]));
    }

    [Fact]
    public void WriteLower_RoundTripsThroughTryParse()
    {
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var hex = new byte[512];
        Hex.WriteLower(bytes, hex);
        Assert.Equal(Convert.ToHexStringLower(bytes), System.Text.Encoding.ASCII.GetString(hex));

        var back = new byte[256];
        Assert.True(Hex.TryParse(hex, back));
        Assert.Equal(bytes, back);
    }
}
