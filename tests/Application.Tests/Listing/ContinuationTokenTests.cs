using BleepStore.Application.Listing;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Tests.Listing;

public sealed class ContinuationTokenTests
{
    [Theory]
    [InlineData("photos/")]
    [InlineData("a b+c%d/😀")]
    public void Decode_OfEncode_RoundTrips(string key) => Assert.Equal(key, ContinuationToken.Decode(ContinuationToken.Encode(key)));

    [Fact]
    public void Decode_Garbage_ThrowsInvalidArgument()
    {
        var ex = Assert.Throws<S3Exception>(() => ContinuationToken.Decode("!!not-a-token!!"));
        Assert.Equal("InvalidArgument", ex.Error.Code);
    }
}
