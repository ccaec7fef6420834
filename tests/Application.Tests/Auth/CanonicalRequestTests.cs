using BleepStore.Application.Auth;
using BleepStore.Application.Requests;

namespace BleepStore.Application.Tests.Auth;

public sealed class CanonicalRequestTests
{
    private static string Path(string raw)
    {
        var w = new PooledByteWriter(64);
        try
        {
            S3UriEncoder.CanonicalPath(ref w, raw);
            return w.ToUtf8String();
        }
        finally
        {
            w.Dispose();
        }
    }

    private static string Query(string raw, bool presigned = false)
    {
        var w = new PooledByteWriter(64);
        try
        {
            CanonicalRequest.WriteQuery(ref w, raw, presigned);
            return w.ToUtf8String();
        }
        finally
        {
            w.Dispose();
        }
    }

    [Theory]
    [InlineData("", "/")]
    [InlineData("/", "/")]
    [InlineData("/bucket/key", "/bucket/key")]
    [InlineData("/bucket/a%20b", "/bucket/a%20b")]
    [InlineData("/bucket/a%2fb", "/bucket/a%2Fb")]
    [InlineData("/bucket/test$file.text", "/bucket/test%24file.text")]
    [InlineData("/bucket/a+b", "/bucket/a%2Bb")]
    [InlineData("/bucket/%C3%A4", "/bucket/%C3%A4")]
    [InlineData("/bucket/ä", "/bucket/%C3%A4")]
    [InlineData("/bucket/./../x//y/", "/bucket/./../x//y/")]
    [InlineData("/bucket/%7Etilde~", "/bucket/~tilde~")]
    [InlineData("/bucket/%FF", "/bucket/%FF")]
    [InlineData("/bucket/100%", "/bucket/100%25")]
    public void CanonicalPath_RawPath_DecodesOnceAndEncodes(string raw, string expected) =>
        Assert.Equal(expected, Path(raw));

    [Theory]
    [InlineData("", "")]
    [InlineData("acl", "acl=")]
    [InlineData("max-keys=2&prefix=J", "max-keys=2&prefix=J")]
    [InlineData("prefix=J&max-keys=2", "max-keys=2&prefix=J")]
    [InlineData("b=2&a=2&a=1", "a=1&a=2&b=2")]
    [InlineData("prefix=a b", "prefix=a%20b")]
    [InlineData("prefix=a+b", "prefix=a%20b")]
    [InlineData("prefix=a%2bb", "prefix=a%2Bb")]
    [InlineData("delimiter=/", "delimiter=%2F")]
    [InlineData("x=%7E", "x=~")]
    [InlineData("uploads&&x=1", "uploads=&x=1")]
    [InlineData("a=%FF", "a=%FF")]
    public void WriteQuery_RawQuery_DecodesEncodesAndSorts(string raw, string expected) =>
        Assert.Equal(expected, Query(raw));

    [Fact]
    public void WriteQuery_Presigned_DropsOnlyTheSignature()
    {
        Assert.Equal(
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20130524T000000Z",
            Query("X-Amz-Signature=abc&X-Amz-Date=20130524T000000Z&X-Amz-Algorithm=AWS4-HMAC-SHA256", presigned: true));
    }

    [Fact]
    public void WriteWithoutPayload_Headers_TrimCollapseLowerCaseAndEmptyWhenAbsent()
    {
        var request = new HttpRequestFacts
        {
            Method = "PUT",
            RawPath = "/b/k",
            RawQuery = "",
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Host"] = "localhost:9000",
                ["X-Amz-Meta-A"] = "  one   two \t three  ",
            },
        };
        var w = new PooledByteWriter(64);
        try
        {
            CanonicalRequest.WriteWithoutPayload(ref w, request, "host;x-amz-meta-a;x-amz-missing", excludeSignatureParameter: false);

            Assert.Equal("PUT\n/b/k\n\nhost:localhost:9000\nx-amz-meta-a:one two three\nx-amz-missing:\n\nhost;x-amz-meta-a;x-amz-missing\n", w.ToUtf8String());
        }
        finally
        {
            w.Dispose();
        }
    }
}
