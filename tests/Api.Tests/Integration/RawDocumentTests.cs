using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using BleepStore.Api.Tests.Support;

namespace BleepStore.Api.Tests.Integration;

/// <summary>
/// Request documents and multipart bindings on the wire (auth off): what SDKs never send — parts out of
/// order, garbage Complete bodies, digests, lenient and strict integer parameters, echoed headers.
/// </summary>
public sealed class RawDocumentTests : IClassFixture<RawHttpTests.NoAuthFactory>
{
    private static readonly XNamespace Ns = XmlRender.Ns;
    private readonly HttpClient _http;

    public RawDocumentTests(RawHttpTests.NoAuthFactory factory) => _http = factory.CreateClient();

    [Fact]
    public async Task Complete_PartsDescending_IsInvalidPartOrder()
    {
        var (bucket, uploadId) = await CreateUploadAsync("k");
        var e1 = await UploadPartAsync(bucket, "k", uploadId, 1, "one");
        var e2 = await UploadPartAsync(bucket, "k", uploadId, 2, "two");

        using var response = await CompleteAsync(bucket, "k", uploadId, $"<CompleteMultipartUpload><Part><PartNumber>2</PartNumber><ETag>{e2}</ETag></Part><Part><PartNumber>1</PartNumber><ETag>{e1}</ETag></Part></CompleteMultipartUpload>");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "InvalidPartOrder");
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("<CompleteMultipartUpload/>")]
    [InlineData("<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>")]
    public async Task Complete_BadDocument_IsMalformedXml_ButOnlyAfterNoSuchUpload(string body)
    {
        var (bucket, uploadId) = await CreateUploadAsync("k");

        using var unknown = await CompleteAsync(bucket, "k", "not-an-upload", body);
        await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "NoSuchUpload");
        using var noBucket = await CompleteAsync("missing-" + bucket, "k", uploadId, body);
        await AssertErrorAsync(noBucket, HttpStatusCode.NotFound, "NoSuchBucket");

        using var malformed = await CompleteAsync(bucket, "k", uploadId, body);
        await AssertErrorAsync(malformed, HttpStatusCode.BadRequest, "MalformedXML");
    }

    [Fact]
    public async Task Complete_ReadsTheBodyRawWhateverTheContentType_AndWritesTheResultDocument()
    {
        var (bucket, uploadId) = await CreateUploadAsync("dir/a b");
        var etag = await UploadPartAsync(bucket, "dir/a b", uploadId, 1, "only part");
        var content = new StringContent($"<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Part><ETag>{etag.Trim('"')}</ETag><PartNumber>1</PartNumber><ChecksumCRC32>ignored</ChecksumCRC32></Part></CompleteMultipartUpload>", Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await _http.PostAsync($"/{bucket}/dir/a%20b?uploadId={uploadId}", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        var root = XmlRender.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(Ns + "CompleteMultipartUploadResult", root.Name);
        Assert.Equal($"{_http.BaseAddress!.Scheme}://{_http.BaseAddress.Authority}/{bucket}/dir/a%20b", root.Element(Ns + "Location")!.Value);
        Assert.Equal(bucket, root.Element(Ns + "Bucket")!.Value);
        Assert.Equal("dir/a b", root.Element(Ns + "Key")!.Value);
        Assert.Equal("\"" + Convert.ToHexStringLower(MD5.HashData(MD5.HashData("only part"u8))) + "-1\"", root.Element(Ns + "ETag")!.Value);
        Assert.Equal("only part", await _http.GetStringAsync($"/{bucket}/dir/a%20b"));
    }

    [Fact]
    public async Task Complete_VirtualHosted_LocationHasTheBucketInTheHost()
    {
        var (bucket, uploadId) = await CreateUploadAsync("k");
        var etag = await UploadPartAsync(bucket, "k", uploadId, 1, "x");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/k?uploadId={uploadId}")
        {
            Content = new StringContent($"<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>{etag}</ETag></Part></CompleteMultipartUpload>"),
        };
        request.Headers.Host = $"{bucket}.s3.test.local:9000";

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = XmlRender.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal($"http://{bucket}.s3.test.local:9000/k", root.Element(Ns + "Location")!.Value);
    }

    [Fact]
    public async Task CreateMultipartUpload_EchoesChecksumAlgorithmAndType()
    {
        var bucket = await CreateBucketAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/{bucket}/k?uploads");
        request.Headers.Add("x-amz-checksum-algorithm", "CRC32C");
        request.Headers.Add("x-amz-checksum-type", "FULL_OBJECT");

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("CRC32C", Assert.Single(response.Headers.GetValues("x-amz-checksum-algorithm")));
        Assert.Equal("FULL_OBJECT", Assert.Single(response.Headers.GetValues("x-amz-checksum-type")));
        var root = XmlRender.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(Ns + "InitiateMultipartUploadResult", root.Name);
        Assert.Equal("k", root.Element(Ns + "Key")!.Value);
    }

    [Theory]
    [InlineData("partNumber=x")]
    [InlineData("partNumber=")]
    [InlineData("partNumber=0")]
    public async Task UploadPart_NonIntegerOrZeroPartNumber_IsInvalidArgument(string partNumber)
    {
        var (bucket, uploadId) = await CreateUploadAsync("k");

        using var response = await _http.PutAsync($"/{bucket}/k?{partNumber}&uploadId={uploadId}", new StringContent("x"));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "InvalidArgument");
    }

    [Fact]
    public async Task ListMultipartUploadsAndListParts_LimitsMustBeIntegersFrom0_AboveThePageAreClamped()
    {
        var (bucket, uploadId) = await CreateUploadAsync("k");

        var uploads = XmlRender.Parse(await _http.GetStringAsync($"/{bucket}?uploads&max-uploads=5000")).Root!;
        Assert.Equal("1000", uploads.Element(Ns + "MaxUploads")!.Value);
        Assert.Equal("k", uploads.Element(Ns + "Upload")!.Element(Ns + "Key")!.Value);

        foreach (var query in new[] { $"/{bucket}?uploads&max-uploads=abc", $"/{bucket}?uploads&max-uploads=-1", $"/{bucket}/k?uploadId={uploadId}&max-parts=abc", $"/{bucket}/k?uploadId={uploadId}&max-parts=-1" })
        {
            using var response = await _http.GetAsync(query);
            await AssertErrorAsync(response, HttpStatusCode.BadRequest, "InvalidArgument");
        }
    }

    [Theory]
    [InlineData("1")]
    [InlineData("3")]
    public async Task ListObjects_ListTypeOtherThan2_InvalidArgument(string listType)
    {
        var bucket = await CreateBucketAsync();

        using var response = await _http.GetAsync($"/{bucket}?list-type={listType}");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<ArgumentName>list-type</ArgumentName>", body, StringComparison.Ordinal);
        Assert.Contains("<Code>InvalidArgument</Code>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteObjects_ContentMd5_IsCheckedWhenSent()
    {
        var bucket = await CreateBucketAsync();
        await _http.PutAsync($"/{bucket}/k", new StringContent("x"));
        var body = "<Delete><Object><Key>k</Key></Object></Delete>";

        using var bad = await DeleteObjectsAsync(bucket, body, Convert.ToBase64String(MD5.HashData("other"u8)));
        await AssertErrorAsync(bad, HttpStatusCode.BadRequest, "BadDigest");
        using var invalid = await DeleteObjectsAsync(bucket, body, "not-a-digest");
        await AssertErrorAsync(invalid, HttpStatusCode.BadRequest, "InvalidDigest");
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"/{bucket}/k")).StatusCode);

        using var ok = await DeleteObjectsAsync(bucket, body, Convert.ToBase64String(MD5.HashData(Encoding.UTF8.GetBytes(body))));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var root = XmlRender.Parse(await ok.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(Ns + "DeleteResult", root.Name);
        Assert.Equal("k", root.Element(Ns + "Deleted")!.Element(Ns + "Key")!.Value);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/{bucket}/k")).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<Delete></Delete>")]
    [InlineData("<Delete><Object><Key>k</Key>")]
    public async Task DeleteObjects_EmptyOrBadDocument_IsMalformedXml(string body)
    {
        var bucket = await CreateBucketAsync();

        using var response = await DeleteObjectsAsync(bucket, body, null);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "MalformedXML");
    }

    [Fact]
    public async Task DeleteObjects_NoSuchBucket_BeforeTheDocumentIsRead()
    {
        using var response = await DeleteObjectsAsync("missing-" + Guid.NewGuid().ToString("N")[..10], "garbage", null);

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "NoSuchBucket");
    }

    [Fact]
    public async Task PutAcl_HeadersWin_BodyIgnored_AndNeitherIsMissingSecurityHeader()
    {
        var bucket = await CreateBucketAsync();
        await _http.PutAsync($"/{bucket}/o", new StringContent("x"));
        var canned = new HttpRequestMessage(HttpMethod.Put, $"/{bucket}/o?acl") { Content = new StringContent("<not-even-xml") };
        canned.Headers.Add("x-amz-acl", "public-read");

        using (var response = await _http.SendAsync(canned))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var acl = XDocument.Parse(await _http.GetStringAsync($"/{bucket}/o?acl"));
        Assert.Contains(acl.Descendants(Ns + "URI"), u => u.Value.EndsWith("/AllUsers", StringComparison.Ordinal));

        using (var neither = await _http.PutAsync($"/{bucket}/o?acl", null))
        {
            await AssertErrorAsync(neither, HttpStatusCode.BadRequest, "MissingSecurityHeader");
        }

        using (var bucketNeither = await _http.PutAsync($"/{bucket}?acl", null))
        {
            await AssertErrorAsync(bucketNeither, HttpStatusCode.BadRequest, "MissingSecurityHeader");
        }

        acl = XDocument.Parse(await _http.GetStringAsync($"/{bucket}/o?acl"));
        Assert.Contains(acl.Descendants(Ns + "URI"), u => u.Value.EndsWith("/AllUsers", StringComparison.Ordinal));

        using var bad = await _http.PutAsync($"/{bucket}/o?acl", new StringContent("<AccessControlPolicy><nope"));
        await AssertErrorAsync(bad, HttpStatusCode.BadRequest, "MalformedACLError");
    }

    [Fact]
    public async Task ListObjectVersions_EncodingTypeUrl()
    {
        var bucket = await CreateBucketAsync();
        await _http.PutAsync($"/{bucket}/a%20b", new StringContent("x"));

        var root = XmlRender.Parse(await _http.GetStringAsync($"/{bucket}?versions&encoding-type=url")).Root!;

        Assert.Equal(Ns + "ListVersionsResult", root.Name);
        Assert.Equal("url", root.Element(Ns + "EncodingType")!.Value);
        var version = root.Element(Ns + "Version")!;
        Assert.Equal("a%20b", version.Element(Ns + "Key")!.Value);
        Assert.Equal("null", version.Element(Ns + "VersionId")!.Value);
        Assert.Equal("true", version.Element(Ns + "IsLatest")!.Value);
    }

    private Task<HttpResponseMessage> CompleteAsync(string bucket, string key, string uploadId, string body) =>
        _http.PostAsync($"/{bucket}/{key}?uploadId={uploadId}", new StringContent(body));

    private async Task<HttpResponseMessage> DeleteObjectsAsync(string bucket, string body, string? contentMd5)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/{bucket}?delete") { Content = new StringContent(body) };
        if (contentMd5 is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-MD5", contentMd5);
        }

        return await _http.SendAsync(request);
    }

    private async Task<(string Bucket, string UploadId)> CreateUploadAsync(string key)
    {
        var bucket = await CreateBucketAsync();
        using var response = await _http.PostAsync($"/{bucket}/{Uri.EscapeDataString(key).Replace("%2F", "/", StringComparison.Ordinal)}?uploads", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = XmlRender.Parse(await response.Content.ReadAsStringAsync()).Root!;
        return (bucket, root.Element(Ns + "UploadId")!.Value);
    }

    private async Task<string> UploadPartAsync(string bucket, string key, string uploadId, int number, string data)
    {
        using var response = await _http.PutAsync($"/{bucket}/{key}?partNumber={number}&uploadId={uploadId}", new StringContent(data));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!.Tag;
    }

    private async Task<string> CreateBucketAsync()
    {
        var bucket = "d-" + Guid.NewGuid().ToString("N")[..20];
        using var response = await _http.PutAsync($"/{bucket}", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return bucket;
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(code, XmlRender.Parse(body).Root!.Element("Code")!.Value);
    }
}
