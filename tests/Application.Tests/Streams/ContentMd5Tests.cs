using BleepStore.Application.Streams;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Tests.Streams;

public sealed class ContentMd5Tests
{
    [Fact]
    public void Parse_Absent_ReturnsNull() => Assert.Null(ContentMd5.Parse(null));

    [Fact]
    public void Parse_EmptyBodyDigest_ReturnsSixteenBytes() =>
        Assert.Equal(Convert.FromHexString("d41d8cd98f00b204e9800998ecf8427e"), ContentMd5.Parse("1B2M2Y8AsgTpgAmY7PhCfg=="));

    [Theory]
    [InlineData("not-base64!!!")]
    [InlineData("")]
    [InlineData("AAAA")]
    [InlineData("1B2M2Y8AsgTpgAmY7PhCfgAA")]
    public void Parse_Malformed_ThrowsInvalidDigest(string header)
    {
        var error = Assert.Throws<S3Exception>(() => ContentMd5.Parse(header));

        Assert.Equal("InvalidDigest", error.Error.Code);
    }
}
