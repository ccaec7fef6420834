using BleepStore.Api.Http;
using BleepStore.Api.S3;
using BleepStore.Api.Xml;
using BleepStore.Application.Objects;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;
using Microsoft.AspNetCore.Http;

namespace BleepStore.Api.Tests.S3;

public sealed class RequestBinderTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("gzip", "gzip")]
    [InlineData("aws-chunked", null)]
    [InlineData("AWS-CHUNKED", null)]
    [InlineData("aws-chunked,gzip", "gzip")]
    [InlineData("gzip, aws-chunked, br", "gzip,br")]
    public void ContentEncoding_DropsAwsChunked(string? sent, string? stored) =>
        Assert.Equal(stored, RequestBinder.ContentEncodingWithoutAwsChunked(sent));

    [Fact]
    public void Content_ReadsEveryStoredHeader_WithOctetStreamDefault()
    {
        var headers = new HeaderDictionary
        {
            ["Content-Language"] = "de",
            ["Content-Disposition"] = "inline",
            ["Cache-Control"] = "no-cache",
            ["Expires"] = "Thu, 01 Dec 2030 16:00:00 GMT",
        };

        var c = RequestBinder.Content(headers);

        Assert.Equal("application/octet-stream", c.ContentType);
        Assert.Equal("de", c.ContentLanguage);
        Assert.Equal("inline", c.ContentDisposition);
        Assert.Equal("no-cache", c.CacheControl);
        Assert.Equal("Thu, 01 Dec 2030 16:00:00 GMT", c.Expires);
        Assert.Null(c.ContentEncoding);
    }

    [Fact]
    public void UserMetadata_NamesLowerCased_ValuesVerbatim()
    {
        var headers = new HeaderDictionary { ["X-Amz-Meta-Author"] = "Ada Lovelace", ["x-amz-meta-EMPTY"] = "", ["x-amz-acl"] = "private" };

        var meta = RequestBinder.UserMetadata(headers);

        Assert.Equal(2, meta.Count);
        Assert.Equal("Ada Lovelace", meta["x-amz-meta-author"]);
        Assert.Equal("", meta["x-amz-meta-empty"]);
    }

    [Fact]
    public void ChecksumHeaders_CollectsEveryChecksumRelatedHeader()
    {
        var headers = new HeaderDictionary
        {
            ["x-amz-checksum-crc32"] = "AAAAAA==",
            ["X-Amz-Sdk-Checksum-Algorithm"] = "CRC32",
            ["x-amz-checksum-algorithm"] = "CRC32",
            ["x-amz-trailer"] = "x-amz-checksum-crc32",
            ["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD",
        };

        var checksums = RequestBinder.ChecksumHeaders(headers);

        Assert.Equal(["x-amz-checksum-algorithm", "x-amz-checksum-crc32", "x-amz-sdk-checksum-algorithm", "x-amz-trailer"], checksums.Keys.Order());
    }

    [Fact]
    public void Acl_CannedAndGrantHeaders_AreBoundAsSent()
    {
        var headers = new HeaderDictionary
        {
            ["x-amz-acl"] = "public-read",
            ["x-amz-grant-read"] = "uri=\"http://acs.amazonaws.com/groups/global/AllUsers\"",
            ["x-amz-grant-write-acp"] = "id=\"abc\"",
        };

        var acl = RequestBinder.Acl(headers);

        Assert.Equal("public-read", acl.Canned);
        Assert.Equal(2, acl.GrantHeaders!.Count);
        Assert.Equal("id=\"abc\"", acl.GrantHeaders[Permission.WriteAcp]);
        Assert.True(RequestBinder.Acl(new HeaderDictionary()).IsEmpty);
    }

    [Fact]
    public void PayloadLength_ContentLength_DecodedLength_OrNullForTheValidator()
    {
        Assert.Equal(5, RequestBinder.PayloadLength(Request(contentLength: 5)));
        Assert.Equal(3, RequestBinder.PayloadLength(Request(contentLength: 90, headers: new() { ["x-amz-decoded-content-length"] = "3" })));
        Assert.Equal(3, RequestBinder.PayloadLength(Request(headers: new() { ["Transfer-Encoding"] = "chunked", ["x-amz-decoded-content-length"] = "3" })));
        Assert.Equal(1, RequestBinder.PayloadLength(Request(contentLength: 1, headers: new() { ["Transfer-Encoding"] = "gzip" })));

        Assert.Null(RequestBinder.PayloadLength(Request(headers: new() { ["Transfer-Encoding"] = "chunked" })));
        Assert.Null(RequestBinder.PayloadLength(Request(headers: new() { ["x-amz-decoded-content-length"] = "x" })));
        Assert.Null(RequestBinder.PayloadLength(Request()));
    }

    [Fact]
    public void Conditions_NullWhenNoneSent()
    {
        Assert.Null(RequestBinder.Conditions(new HeaderDictionary()));
        var c = RequestBinder.Conditions(new HeaderDictionary { ["If-Match"] = "\"a\"", ["If-Modified-Since"] = "Sun, 22 Feb 2026 12:00:00 GMT" })!;
        Assert.Equal("\"a\"", c.IfMatch);
        Assert.Equal("Sun, 22 Feb 2026 12:00:00 GMT", c.IfModifiedSince);
        Assert.Null(c.IfNoneMatch);
    }

    [Fact]
    public void Overrides_MapQueryNamesToHeaderNames()
    {
        var q = QueryParameters.Parse("response-content-type=a&response-content-language=b&response-expires=c&response-cache-control=d&response-content-disposition=e&response-content-encoding=f&other=g");

        var o = RequestBinder.Overrides(q)!;

        Assert.Equal(6, o.Count);
        Assert.Equal("a", o["Content-Type"]);
        Assert.Equal("b", o["Content-Language"]);
        Assert.Equal("c", o["Expires"]);
        Assert.Equal("d", o["Cache-Control"]);
        Assert.Equal("e", o["Content-Disposition"]);
        Assert.Equal("f", o["Content-Encoding"]);
        Assert.Null(RequestBinder.Overrides(QueryParameters.Parse("x=1")));
    }

    [Theory]
    [InlineData("max-keys=10", 10)]
    [InlineData("max-keys=-1", -1)]
    [InlineData("max-keys=99999999999", int.MaxValue)]
    [InlineData("", null)]
    public void Int_ParsesOrPassesThrough(string query, int? expected) =>
        Assert.Equal(expected, RequestBinder.Int(QueryParameters.Parse(query), "max-keys"));

    [Theory]
    [InlineData("max-keys=abc")]
    [InlineData("max-keys=")]
    [InlineData("max-keys=1.5")]
    public void Int_NonNumeric_IsNullForTheValidatorToJudge(string query) =>
        Assert.Null(RequestBinder.Int(QueryParameters.Parse(query), "max-keys"));

    [Fact]
    public void Facts_KeepRawPathAndQuery_AndJoinRepeatedHeaders()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Headers["X-Amz-Date"] = "20260222T120000Z";
        context.Request.Headers.Append("x-custom", "a");
        context.Request.Headers.Append("x-custom", "b");
        context.Request.ContentLength = 7;

        var facts = RequestBinder.Facts(context.Request, new RawTarget("/b/a%20b", "prefix=x%2Fy&list-type=2"));

        Assert.Equal("GET", facts.Method);
        Assert.Equal("/b/a%20b", facts.RawPath);
        Assert.Equal("prefix=x%2Fy&list-type=2", facts.RawQuery);
        Assert.Equal("20260222T120000Z", facts.Header("x-amz-date"));
        Assert.Equal("a,b", facts.Header("X-CUSTOM"));
        Assert.Equal(7, facts.ContentLength);
    }

    [Fact]
    public void CopySourceConditions_ReadsTheFourHeaders_OrNone()
    {
        var headers = new HeaderDictionary
        {
            ["x-amz-copy-source-if-match"] = "\"a\"",
            ["x-amz-copy-source-if-none-match"] = "\"b\"",
            ["x-amz-copy-source-if-modified-since"] = "Sun, 22 Feb 2026 12:00:00 GMT",
            ["x-amz-copy-source-if-unmodified-since"] = "Mon, 23 Feb 2026 12:00:00 GMT",
            ["If-Match"] = "\"not-a-source-condition\"",
        };

        var conditions = RequestBinder.CopySourceConditions(headers);

        Assert.Equal(new ObjectConditions("\"a\"", "\"b\"", "Sun, 22 Feb 2026 12:00:00 GMT", "Mon, 23 Feb 2026 12:00:00 GMT"), conditions);
        Assert.Same(ObjectConditions.None, RequestBinder.CopySourceConditions(new HeaderDictionary { ["If-Match"] = "x" }));
    }

    [Theory]
    [InlineData("partNumber=7&uploadId=u", 7)]
    [InlineData("uploadId=u", 0)]
    [InlineData("partNumber=&uploadId=u", 0)]
    [InlineData("partNumber=x&uploadId=u", 0)]
    [InlineData("partNumber=99999999999&uploadId=u", 0)]
    [InlineData("partNumber=-3", -3)]
    public void PartNumber_MissingOrNotAnInteger_IsZero(string query, int expected) =>
        Assert.Equal(expected, RequestBinder.PartNumber(QueryParameters.Parse(query)));

    [Theory]
    [InlineData("max-uploads=5", 5)]
    [InlineData("max-uploads=abc", null)]
    [InlineData("max-uploads=", null)]
    [InlineData("", null)]
    [InlineData("max-uploads=-1", -1)]
    public void Int_MaxUploads_NonNumericIsAbsent(string query, int? expected) =>
        Assert.Equal(expected, RequestBinder.Int(QueryParameters.Parse(query), "max-uploads"));

    [Fact]
    public void IntegrityHeaders_ContentMd5AndChecksums()
    {
        var headers = new HeaderDictionary { ["Content-MD5"] = "1B2M2Y8AsgTpgAmY7PhCfg==", ["x-amz-checksum-crc32"] = "AAAAAA==", ["x-amz-acl"] = "private" };

        var integrity = RequestBinder.IntegrityHeaders(headers);

        Assert.Equal(2, integrity.Count);
        Assert.Equal("1B2M2Y8AsgTpgAmY7PhCfg==", integrity["content-md5"]);
        Assert.Equal("AAAAAA==", integrity["x-amz-checksum-crc32"]);
        Assert.Empty(RequestBinder.IntegrityHeaders(new HeaderDictionary()));
    }

    [Fact]
    public async Task Document_IsReadWhenTheHandlerAsks_AndChecksContentMd5()
    {
        var body = "<Delete><Object><Key>k</Key></Object></Delete>"u8.ToArray();
        var request = Request(body.Length, new() { ["Content-MD5"] = Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(body)) });
        request.Body = new MemoryStream(body);

        var document = RequestBinder.Document(request, RequestXml.Delete, 1024);

        Assert.Equal(0, request.Body.Position);
        Assert.Equal("k", Assert.Single((await document.ReadAsync(default)).Objects).Key);

        var tampered = Request(body.Length, new() { ["Content-MD5"] = "1B2M2Y8AsgTpgAmY7PhCfg==" });
        tampered.Body = new MemoryStream(body);
        var e = await Assert.ThrowsAsync<S3Exception>(async () => await RequestBinder.Document(tampered, RequestXml.Delete, 1024).ReadAsync(default));
        Assert.Equal("BadDigest", e.Error.Code);

        var malformed = Request(body.Length, new() { ["Content-MD5"] = "not-base64" });
        malformed.Body = new MemoryStream(body);
        e = await Assert.ThrowsAsync<S3Exception>(async () => await RequestBinder.Document(malformed, RequestXml.Delete, 1024).ReadAsync(default));
        Assert.Equal("InvalidDigest", e.Error.Code);
    }

    private static HttpRequest Request(long? contentLength = null, Dictionary<string, string>? headers = null)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentLength = contentLength;
        foreach (var (name, value) in headers ?? [])
        {
            context.Request.Headers[name] = value;
        }

        return context.Request;
    }
}
