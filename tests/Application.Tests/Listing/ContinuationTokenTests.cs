using BleepStore.Application.Listing;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Tests.Listing;

public sealed class ContinuationTokenTests
{
    [Theory]
    [InlineData("photos/")]
    [InlineData("a b+c%d/😀")]
    public void Decode_OfEncode_RoundTrips(string key) => Assert.Equal(key, ContinuationToken.Decode(ContinuationToken.Encode(key)));

    [Theory]
    [InlineData("cGhvdG9zLw")] // base64url("photos/"): the unversioned format of earlier builds
    [InlineData("AQFwaG90b3Mv")] // version and kind right, no check
    [InlineData("")]
    public void Decode_TokenNotIssuedHere_InvalidArgument(string token)
    {
        var ex = Assert.Throws<S3Exception>(() => ContinuationToken.Decode(token));
        Assert.Equal(("InvalidArgument", "The continuation token provided is incorrect"), (ex.Error.Code, ex.Message));
        Assert.Contains(ex.Details, d => d is { Key: "ArgumentName", Value: "continuation-token" });
    }

    [Fact]
    public void Decode_EditedToken_InvalidArgument()
    {
        var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(ContinuationToken.Encode("photos/a"));
        bytes[^9] ^= 1; // the last key byte: "photos/a" becomes "photos/`"
        Assert.Throws<S3Exception>(() => ContinuationToken.Decode(System.Buffers.Text.Base64Url.EncodeToString(bytes)));
    }

    [Fact]
    public void Decode_TokenOfAnotherListingKind_InvalidArgument() =>
        Assert.Throws<S3Exception>(() => ContinuationToken.Decode(ContinuationToken.Encode("photos", ContinuationToken.Buckets), ContinuationToken.Objects));

    [Fact]
    public void Decode_Garbage_ThrowsInvalidArgument()
    {
        var ex = Assert.Throws<S3Exception>(() => ContinuationToken.Decode("!!not-a-token!!"));
        Assert.Equal("InvalidArgument", ex.Error.Code);
    }
}
