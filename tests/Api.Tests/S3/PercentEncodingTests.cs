using BleepStore.Api.S3;

namespace BleepStore.Api.Tests.S3;

public sealed class PercentEncodingTests
{
    [Theory]
    [InlineData("abc-_.~XYZ019", "abc-_.~XYZ019")]
    [InlineData("a/b", "a/b")]
    [InlineData("a b+c", "a%20b%2Bc")]
    [InlineData("dir/x y+z/", "dir/x%20y%2Bz/")]
    [InlineData("!*'();:@&=$,?#[]", "%21%2A%27%28%29%3B%3A%40%26%3D%24%2C%3F%23%5B%5D")]
    [InlineData("é", "%C3%A9")]
    [InlineData("😀", "%F0%9F%98%80")]
    [InlineData("\u0001\n", "%01%0A")]
    [InlineData("%", "%25")]
    public void EncodeUrl_KeepsUnreservedAndSlashOnly(string input, string expected) => Assert.Equal(expected, PercentEncoding.EncodeUrl(input));

    [Theory]
    [InlineData("a%2fb", "a/b")]
    [InlineData("%", "%")]
    [InlineData("%4", "%4")]
    [InlineData("a%", "a%")]
    [InlineData("%C3", "\uFFFD")]
    public void DecodePath_HandlesCaseAndMalformedEscapes(string input, string expected) => Assert.Equal(expected, PercentEncoding.DecodePath(input));

    [Fact]
    public void EncodeThenDecode_RoundTrips()
    {
        const string key = "dir/sub dir/ünïcødé 😀 +%&?#\u0001";

        Assert.Equal(key, PercentEncoding.DecodePath(PercentEncoding.EncodeUrl(key)));
    }
}
