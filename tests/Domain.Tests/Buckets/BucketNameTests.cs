using BleepStore.Domain.Buckets;

namespace BleepStore.Domain.Tests.Buckets;

public sealed class BucketNameTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("my-bucket.example")]
    [InlineData("a1-2.b3")]
    [InlineData("123")]
    public void IsValid_GoodNames_True(string name) => Assert.True(BucketName.IsValid(name));

    [Theory]
    [InlineData("ab")]
    [InlineData("INVALID-UPPERCASE")]
    [InlineData("-abc")]
    [InlineData("abc-")]
    [InlineData("a..b")]
    [InlineData("192.168.1.1")]
    [InlineData("xn--abc")]
    [InlineData("abc-s3alias")]
    [InlineData("abc--ol-s3")]
    [InlineData("under_score")]
    [InlineData("metrics")]
    [InlineData("healthz")]
    public void IsValid_BadNames_False(string name) => Assert.False(BucketName.IsValid(name));

    [Fact]
    public void IsValid_64Chars_False() => Assert.False(BucketName.IsValid(new string('a', 64)));

    [Fact]
    public void IsValid_63Chars_True() => Assert.True(BucketName.IsValid(new string('a', 63)));
}
