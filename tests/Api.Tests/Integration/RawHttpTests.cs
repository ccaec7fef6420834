using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using BleepStore.Api.Tests.Support;

namespace BleepStore.Api.Tests.Integration;

/// <summary>Plain HTTP against the real app with <c>auth.enabled: false</c>: headers, statuses and XML as the wire shows them.</summary>
public sealed class RawHttpTests : IClassFixture<RawHttpTests.NoAuthFactory>
{
    private static readonly XNamespace Ns = XmlRender.Ns;
    private readonly NoAuthFactory _factory;
    private readonly HttpClient _http;

    public RawHttpTests(NoAuthFactory factory)
    {
        _factory = factory;
        _http = factory.CreateClient();
    }

    [Fact]
    public async Task CreateBucket_Returns200WithLocation_AndEmptyBody()
    {
        var bucket = NewBucket();

        using var response = await _http.PutAsync($"/{bucket}", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"/{bucket}", response.Headers.Location!.OriginalString);
        Assert.Equal(0, response.Content.Headers.ContentLength);
        CommonHeaders.AssertPresent(response);
    }

    [Fact]
    public async Task CreateBucket_MalformedBody_IsMalformedXml()
    {
        using var response = await _http.PutAsync($"/{NewBucket()}", new StringContent("<CreateBucketConfiguration><Loc"));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "MalformedXML");
    }

    [Fact]
    public async Task PutBucketAcl_BodyIsParsed_AndBadBodyIsMalformedAclError()
    {
        var bucket = await CreateBucketAsync();
        const string policy = """
            <AccessControlPolicy><Owner><ID>test-access</ID></Owner><AccessControlList>
              <Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>http://acs.amazonaws.com/groups/global/AuthenticatedUsers</URI></Grantee><Permission>READ</Permission></Grant>
            </AccessControlList></AccessControlPolicy>
            """;

        using var ok = await _http.PutAsync($"/{bucket}?acl", new StringContent(policy));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var acl = XDocument.Parse(await _http.GetStringAsync($"/{bucket}?acl"));
        Assert.Contains(acl.Descendants(Ns + "URI"), u => u.Value == "http://acs.amazonaws.com/groups/global/AuthenticatedUsers");

        using var bad = await _http.PutAsync($"/{bucket}?acl", new StringContent("<AccessControlPolicy><nope"));
        await AssertErrorAsync(bad, HttpStatusCode.BadRequest, "MalformedACLError");
    }

    [Fact]
    public async Task HeadBucket_HasRegion_AndMissingIs404WithoutBody()
    {
        var bucket = await CreateBucketAsync();

        using var ok = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/{bucket}"));
        using var missing = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/{NewBucket()}"));

        Assert.Equal("us-east-1", Assert.Single(ok.Headers.GetValues("x-amz-bucket-region")));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Empty(await missing.Content.ReadAsByteArrayAsync());
        CommonHeaders.AssertPresent(missing);
    }

    [Fact]
    public async Task GetBucketLocation_UsEast1_IsEmptyElement()
    {
        var bucket = await CreateBucketAsync();

        using var response = await _http.GetAsync($"/{bucket}?location");

        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\" />", body);
        Assert.Equal(Encoding.UTF8.GetByteCount(body), response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task PutObject_ChunkedWithoutContentLength_IsStored()
    {
        var bucket = await CreateBucketAsync();
        var request = new HttpRequestMessage(HttpMethod.Put, $"/{bucket}/k") { Content = new StreamContent(new NonSeekable("abc")) };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("abc", await _http.GetStringAsync($"/{bucket}/k"));
    }

    [Fact]
    public async Task GetObject_Headers_Metadata_Overrides_And_StorageClass()
    {
        var bucket = await CreateBucketAsync();
        var put = new HttpRequestMessage(HttpMethod.Put, $"/{bucket}/doc.txt") { Content = new StringContent("hello world") };
        put.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        put.Content.Headers.ContentLanguage.Add("en");
        put.Content.Headers.ContentEncoding.Add("identity");
        put.Headers.Add("X-Amz-Meta-Color", "Blue");
        put.Headers.Add("x-amz-storage-class", "REDUCED_REDUNDANCY");
        using var putResponse = await _http.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, putResponse.StatusCode);
        var etag = putResponse.Headers.ETag!.Tag;
        Assert.Equal("\"5eb63bbbe01eeed093cb22bb8f5acdc3\"", etag);

        using var get = await _http.GetAsync($"/{bucket}/doc.txt?response-content-type=application%2Fjson&response-cache-control=no-store&response-content-disposition=attachment%3B%20filename%3Dx.json");

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("hello world", await get.Content.ReadAsStringAsync());
        Assert.Equal("application/json", get.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", get.Headers.CacheControl!.ToString());
        Assert.Equal("attachment; filename=x.json", get.Content.Headers.ContentDisposition!.ToString());
        Assert.Equal(["en"], get.Content.Headers.ContentLanguage);
        Assert.Equal(["identity"], get.Content.Headers.ContentEncoding);
        Assert.Equal(etag, get.Headers.ETag!.Tag);
        Assert.Equal("bytes", Assert.Single(get.Headers.AcceptRanges));
        Assert.NotNull(get.Content.Headers.LastModified);
        Assert.Equal("Blue", Assert.Single(get.Headers.GetValues("x-amz-meta-color")));
        Assert.Equal("REDUCED_REDUNDANCY", Assert.Single(get.Headers.GetValues("x-amz-storage-class")));
        Assert.Equal(11, get.Content.Headers.ContentLength);
        CommonHeaders.AssertPresent(get);
    }

    [Fact]
    public async Task PutObject_AwsChunkedContentEncoding_IsNotStored()
    {
        var bucket = await CreateBucketAsync();
        var put = new HttpRequestMessage(HttpMethod.Put, $"/{bucket}/k") { Content = new StringContent("x") };
        put.Content.Headers.ContentEncoding.Add("aws-chunked");
        await _http.SendAsync(put);

        using var head = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/{bucket}/k"));

        Assert.Empty(head.Content.Headers.ContentEncoding);
        Assert.Equal("STANDARD", head.Headers.TryGetValues("x-amz-storage-class", out var sc) ? sc.Single() : "STANDARD");
        Assert.False(head.Headers.Contains("x-amz-storage-class"));
    }

    [Fact]
    public async Task GetObject_Conditionals_And_Ranges()
    {
        var bucket = await CreateBucketAsync();
        using var put = await _http.PutAsync($"/{bucket}/r", new StringContent("0123456789"));
        var etag = put.Headers.ETag!.Tag;

        var notModified = new HttpRequestMessage(HttpMethod.Get, $"/{bucket}/r");
        notModified.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var r304 = await _http.SendAsync(notModified);
        Assert.Equal(HttpStatusCode.NotModified, r304.StatusCode);
        Assert.Equal(etag, r304.Headers.ETag!.Tag);
        Assert.NotNull(r304.Content.Headers.LastModified);
        Assert.Empty(await r304.Content.ReadAsByteArrayAsync());

        var failed = new HttpRequestMessage(HttpMethod.Get, $"/{bucket}/r");
        failed.Headers.TryAddWithoutValidation("If-Match", "\"nope\"");
        await AssertErrorAsync(await _http.SendAsync(failed), HttpStatusCode.PreconditionFailed, "PreconditionFailed");

        var tail = new HttpRequestMessage(HttpMethod.Get, $"/{bucket}/r");
        tail.Headers.Range = new RangeHeaderValue(null, 3);
        using var r206 = await _http.SendAsync(tail);
        Assert.Equal(HttpStatusCode.PartialContent, r206.StatusCode);
        Assert.Equal("789", await r206.Content.ReadAsStringAsync());
        Assert.Equal("bytes 7-9/10", r206.Content.Headers.ContentRange!.ToString());

        var beyond = new HttpRequestMessage(HttpMethod.Get, $"/{bucket}/r");
        beyond.Headers.Range = new RangeHeaderValue(50, null);
        using var r416 = await _http.SendAsync(beyond);
        await AssertErrorAsync(r416, HttpStatusCode.RequestedRangeNotSatisfiable, "InvalidRange");
        Assert.Equal("bytes */10", r416.Content.Headers.ContentRange!.ToString());
        Assert.Null(r416.Headers.ETag);
    }

    [Fact]
    public async Task GetObject_Checksums_OnlyWithChecksumModeEnabled()
    {
        var bucket = await CreateBucketAsync();
        var put = new HttpRequestMessage(HttpMethod.Put, $"/{bucket}/c") { Content = new StringContent("abc") };
        put.Headers.Add("x-amz-checksum-crc32", "NSRBwg==");
        using var putResponse = await _http.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, putResponse.StatusCode);

        using var plain = await _http.GetAsync($"/{bucket}/c");
        var withMode = new HttpRequestMessage(HttpMethod.Get, $"/{bucket}/c");
        withMode.Headers.Add("x-amz-checksum-mode", "ENABLED");
        using var enabled = await _http.SendAsync(withMode);

        Assert.False(plain.Headers.Contains("x-amz-checksum-crc32"));
        Assert.Equal("NSRBwg==", Assert.Single(enabled.Headers.GetValues("x-amz-checksum-crc32")));
    }

    [Fact]
    public async Task Keys_AreDecodedOnce_AndKeptLiterally()
    {
        var bucket = await CreateBucketAsync();
        foreach (var raw in (string[])["a%2Fb", "dir//x", "trail/", "p%25q"])
        {
            using var put = await _http.PutAsync($"/{bucket}/{raw}", new StringContent(raw));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        // HttpClient collapses dot segments; a raw request target keeps them, and so must the server.
        Assert.StartsWith("HTTP/1.1 200", await RawRequestAsync($"PUT /{bucket}/dot/./y/../z HTTP/1.1", "x"), StringComparison.Ordinal);

        var list = XDocument.Parse(await _http.GetStringAsync($"/{bucket}?list-type=2"));
        var keys = list.Descendants(Ns + "Key").Select(k => k.Value).ToList();

        Assert.Equal(["a/b", "dir//x", "dot/./y/../z", "p%q", "trail/"], keys);
    }

    [Fact]
    public async Task Listing_EncodingTypeUrl_AndControlCharacterKey()
    {
        var bucket = await CreateBucketAsync();
        await _http.PutAsync($"/{bucket}/a%20b", new StringContent("1"));
        await _http.PutAsync($"/{bucket}/ctl%01key", new StringContent("2"));

        var encoded = XDocument.Parse(await _http.GetStringAsync($"/{bucket}?list-type=2&encoding-type=url&prefix=a%20"));
        Assert.Equal("url", encoded.Root!.Element(Ns + "EncodingType")!.Value);
        Assert.Equal("a%20", encoded.Root.Element(Ns + "Prefix")!.Value);
        Assert.Equal("a%20b", encoded.Descendants(Ns + "Key").Single().Value);

        // No encoding asked for, but a key XML 1.0 cannot carry: still well-formed, switched to url encoding.
        var plain = XmlRender.Parse(await _http.GetStringAsync($"/{bucket}?list-type=2"));
        Assert.Equal("url", plain.Root!.Element(Ns + "EncodingType")!.Value);
        Assert.Equal(["a%20b", "ctl%01key"], plain.Descendants(Ns + "Key").Select(k => k.Value));
    }

    [Fact]
    public async Task Listing_BadMaxKeys_IsInvalidArgument()
    {
        var bucket = await CreateBucketAsync();

        await AssertErrorAsync(await _http.GetAsync($"/{bucket}?list-type=2&max-keys=abc"), HttpStatusCode.BadRequest, "InvalidArgument");
        await AssertErrorAsync(await _http.GetAsync($"/{bucket}?max-keys=-1"), HttpStatusCode.BadRequest, "InvalidArgument");
        await AssertErrorAsync(await _http.GetAsync($"/{bucket}?encoding-type=base64"), HttpStatusCode.BadRequest, "InvalidArgument");
    }

    [Fact]
    public async Task ListObjectsV1_HasMarkerAndOwner()
    {
        var bucket = await CreateBucketAsync();
        await _http.PutAsync($"/{bucket}/k", new StringContent("1"));

        var v1 = XDocument.Parse(await _http.GetStringAsync($"/{bucket}"));

        Assert.Equal("", v1.Root!.Element(Ns + "Marker")!.Value);
        Assert.NotNull(v1.Descendants(Ns + "Owner").SingleOrDefault());
        Assert.Null(v1.Root.Element(Ns + "KeyCount"));
    }

    [Fact]
    public async Task VirtualHostedStyle_TakesBucketFromHost()
    {
        var bucket = await CreateBucketAsync();
        var put = new HttpRequestMessage(HttpMethod.Put, "/vh/key") { Content = new StringContent("virtual") };
        put.Headers.Host = $"{bucket}.s3.test.local";
        using var putResponse = await _http.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, putResponse.StatusCode);

        Assert.Equal("virtual", await _http.GetStringAsync($"/{bucket}/vh/key"));
        var list = new HttpRequestMessage(HttpMethod.Get, "/?list-type=2");
        list.Headers.Host = $"{bucket}.s3.test.local:1234";
        using var listed = await _http.SendAsync(list);
        Assert.Contains("<Key>vh/key</Key>", await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PUT", "/?x")]
    [InlineData("POST", "/b?uploads")]
    [InlineData("GET", "/b?policy")]
    [InlineData("DELETE", "/b/k?retention")]
    [InlineData("POST", "/b/k?tagging")]
    [InlineData("GET", "/b/k?versions")]
    [InlineData("PATCH", "/b/k")]
    public async Task Unrouted_Is501NotImplementedXml(string method, string target)
    {
        using var response = await _http.SendAsync(new HttpRequestMessage(new HttpMethod(method), target));

        await AssertErrorAsync(response, HttpStatusCode.NotImplemented, "NotImplemented");
    }

    [Fact]
    public async Task Tagging_WireForms_StatusesXmlAndHeaderCount()
    {
        var bucket = await CreateBucketAsync();
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/{bucket}/k") { Content = new StringContent("x") };
        put.Headers.Add("x-amz-tagging", "b=2&a=1");
        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(put)).StatusCode);

        using var head = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/{bucket}/k"));
        Assert.Equal("2", Assert.Single(head.Headers.GetValues("x-amz-tagging-count")));
        var doc = XDocument.Parse(await _http.GetStringAsync($"/{bucket}/k?tagging"));
        Assert.Equal(Ns + "Tagging", doc.Root!.Name);
        Assert.Equal(["a", "b"], doc.Root.Element(Ns + "TagSet")!.Elements(Ns + "Tag").Select(t => t.Element(Ns + "Key")!.Value));

        const string tagging = "<Tagging><TagSet><Tag><Key>only</Key><Value></Value></Tag></TagSet></Tagging>";
        Assert.Equal(HttpStatusCode.OK, (await _http.PutAsync($"/{bucket}/k?tagging", new StringContent(tagging))).StatusCode);
        using var get = await _http.GetAsync($"/{bucket}/k");
        Assert.Equal("1", Assert.Single(get.Headers.GetValues("x-amz-tagging-count")));
        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/{bucket}/k?tagging")).StatusCode);
        using var untagged = await _http.GetAsync($"/{bucket}/k");
        Assert.False(untagged.Headers.Contains("x-amz-tagging-count"));
        Assert.Equal("x", await untagged.Content.ReadAsStringAsync());

        await AssertErrorAsync(await _http.PutAsync($"/{bucket}/k?tagging", new StringContent("<Tagging><TagSet><Tag><Key>k</Key></Tag></TagSet></Tagging>")), HttpStatusCode.BadRequest, "MalformedXML");
        await AssertErrorAsync(await _http.PutAsync($"/{bucket}/k?tagging", new StringContent("<Tagging><TagSet><Tag><Key>k</Key><Value>a&lt;b</Value></Tag></TagSet></Tagging>")), HttpStatusCode.BadRequest, "InvalidTag");
        await AssertErrorAsync(await _http.PutAsync($"/{bucket}/k?tagging", new StringContent("")), HttpStatusCode.BadRequest, "MalformedXML");

        var (missing, _) = await AssertErrorAsync(await _http.GetAsync($"/{bucket}?tagging"), HttpStatusCode.NotFound, "NoSuchTagSet");
        Assert.Equal(bucket, missing.Root!.Element("BucketName")!.Value);
        Assert.Equal(HttpStatusCode.NoContent, (await _http.PutAsync($"/{bucket}?tagging", new StringContent(tagging))).StatusCode);
        Assert.Contains("<Key>only</Key>", await _http.GetStringAsync($"/{bucket}?tagging"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/{bucket}?tagging")).StatusCode);
        await AssertErrorAsync(await _http.GetAsync($"/{bucket}?tagging"), HttpStatusCode.NotFound, "NoSuchTagSet");
    }

    [Fact]
    public async Task DeleteObject_And_DeleteBucket_Are204()
    {
        var bucket = await CreateBucketAsync();
        await _http.PutAsync($"/{bucket}/k", new StringContent("1"));

        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/{bucket}/k")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/{bucket}/never-existed")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/{bucket}")).StatusCode);
    }

    [Fact]
    public async Task ErrorDocument_HasResourceAndRequestIdMatchingHeader()
    {
        using var response = await _http.GetAsync($"/{NewBucket()}/some%20key");

        var (doc, id) = await AssertErrorAsync(response, HttpStatusCode.NotFound, "NoSuchBucket");

        Assert.Equal(id, doc.Root!.Element("RequestId")!.Value);
        Assert.Equal(Assert.Single(response.Headers.GetValues("x-amz-id-2")), doc.Root.Element("HostId")!.Value);
        Assert.EndsWith("/some key", doc.Root.Element("Resource")!.Value, StringComparison.Ordinal);
    }

    private async Task<string> RawRequestAsync(string requestLine, string body)
    {
        var address = _factory.BaseAddress;
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        var request = $"{requestLine}\r\nHost: {address.Authority}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private async Task<string> CreateBucketAsync()
    {
        var bucket = NewBucket();
        using var response = await _http.PutAsync($"/{bucket}", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return bucket;
    }

    private static string NewBucket() => "r-" + Guid.NewGuid().ToString("N")[..20];

    private static async Task<(XDocument Doc, string RequestId)> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        var id = CommonHeaders.AssertPresent(response);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(Encoding.UTF8.GetByteCount(body), response.Content.Headers.ContentLength);
        var doc = XmlRender.Parse(body);
        Assert.Equal("Error", doc.Root!.Name.LocalName);
        Assert.Equal("", doc.Root.Name.NamespaceName);
        Assert.Equal(code, doc.Root.Element("Code")!.Value);
        Assert.NotEmpty(doc.Root.Element("Message")!.Value);
        return (doc, id);
    }

    public sealed class NoAuthFactory : BleepStoreFactory
    {
        public NoAuthFactory()
            : base(new Dictionary<string, string> { ["auth.enabled"] = "false" }, null)
        {
        }
    }

    private sealed class NonSeekable(string text) : MemoryStream(Encoding.UTF8.GetBytes(text))
    {
        public override bool CanSeek => false;
    }
}
