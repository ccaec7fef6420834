using System.Net;

namespace BleepStore.E2E.Objects;

/// <summary>GET ranges and the four conditionals with S3's precedence, as raw HTTP on presigned URLs (headers exactly as written).</summary>
public sealed class RangeAndConditionalTests(BucketFixture fixture) : IClassFixture<BucketFixture>, IDisposable
{
    private const string Body = "0123456789abcdefghij"; // 20 bytes
    private readonly IAmazonS3 _s3 = fixture.S3;
    private readonly string _bucket = fixture.Bucket;
    private readonly RawHttp _raw = new(fixture.S3);

    [Theory]
    [InlineData("bytes=0-4", "01234", "bytes 0-4/20")]
    [InlineData("bytes=5-", "56789abcdefghij", "bytes 5-19/20")]
    [InlineData("bytes=-3", "hij", "bytes 17-19/20")]
    [InlineData("bytes=15-100", "fghij", "bytes 15-19/20")]
    [InlineData("bytes=-100", Body, "bytes 0-19/20")]
    public async Task Get_SingleRange_Returns206WithContentRange(string range, string expected, string contentRange)
    {
        var key = await PutAsync("range.txt");

        using var response = await GetAsync(key, ("Range", range));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
        Assert.Equal(contentRange, response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(expected.Length, response.Content.Headers.ContentLength);
    }

    [Theory]
    [InlineData("bytes=20-")]
    [InlineData("bytes=25-30")]
    [InlineData("bytes=-0")]
    public async Task Get_UnsatisfiableRange_Returns416InvalidRange(string range)
    {
        var key = await PutAsync("range.txt");

        using var response = await GetAsync(key, ("Range", range));

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Contains("<Code>InvalidRange</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("bytes */20", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task Get_MultiRange_ReturnsWholeBody200()
    {
        var key = await PutAsync("range.txt");

        using var response = await GetAsync(key, ("Range", "bytes=0-1,5-6"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Body, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sdk_ByteRange_Returns206()
    {
        var key = await PutAsync("range.txt");

        using var get = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = key, ByteRange = new ByteRange(2, 5) });
        using var reader = new StreamReader(get.ResponseStream);

        Assert.Equal("2345", await reader.ReadToEndAsync());
        Assert.Equal("bytes 2-5/20", get.ContentRange);
    }

    [Fact]
    public async Task Conditionals_EachAloneAndPrecedence()
    {
        var key = await PutAsync("cond.txt");
        var head = await _s3.GetObjectMetadataAsync(_bucket, key);
        var etag = head.ETag!;
        var lastModified = head.LastModified!.Value.ToUniversalTime();
        var before = (lastModified - TimeSpan.FromHours(1)).ToString("r");
        var after = (lastModified + TimeSpan.FromSeconds(60)).ToString("r");
        const string other = "\"0123456789abcdef0123456789abcdef\"";

        var cases = new (HttpStatusCode Expected, (string, string)[] Headers)[]
        {
            (HttpStatusCode.OK, [("If-Match", etag)]),
            (HttpStatusCode.OK, [("If-Match", "*")]),
            (HttpStatusCode.OK, [("If-Match", other + ", " + etag)]),
            (HttpStatusCode.PreconditionFailed, [("If-Match", other)]),
            (HttpStatusCode.NotModified, [("If-None-Match", etag)]),
            (HttpStatusCode.NotModified, [("If-None-Match", "*")]),
            (HttpStatusCode.OK, [("If-None-Match", other)]),
            (HttpStatusCode.OK, [("If-Modified-Since", before)]),
            (HttpStatusCode.NotModified, [("If-Modified-Since", after)]),
            (HttpStatusCode.OK, [("If-Unmodified-Since", after)]),
            (HttpStatusCode.PreconditionFailed, [("If-Unmodified-Since", before)]),
            // If-Match true beats If-Unmodified-Since false.
            (HttpStatusCode.OK, [("If-Match", etag), ("If-Unmodified-Since", before)]),
            // If-None-Match false (no match) beats If-Modified-Since true-for-304.
            (HttpStatusCode.OK, [("If-None-Match", other), ("If-Modified-Since", after)]),
            // If-Match is evaluated before If-None-Match.
            (HttpStatusCode.PreconditionFailed, [("If-Match", other), ("If-None-Match", etag)]),
            (HttpStatusCode.NotModified, [("If-Match", etag), ("If-None-Match", etag)]),
            // Conditionals are evaluated before Range.
            (HttpStatusCode.PreconditionFailed, [("If-Match", other), ("Range", "bytes=0-1")]),
        };

        var failures = new List<string>();
        foreach (var (expected, headers) in cases)
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
            {
                using var response = await _raw.SendAsync(method, _bucket, key, headers);
                if (response.StatusCode != expected)
                {
                    failures.Add($"{method} {string.Join(", ", headers.Select(h => h.Item1 + ": " + h.Item2))} → {(int)response.StatusCode}, expected {(int)expected}");
                }
                else if (expected == HttpStatusCode.NotModified && response.Headers.ETag?.ToString() != etag)
                {
                    failures.Add($"{method} 304 without ETag {etag}");
                }
                else if (expected == HttpStatusCode.PreconditionFailed && method == HttpMethod.Get
                    && !(await response.Content.ReadAsStringAsync()).Contains("<Code>PreconditionFailed</Code>", StringComparison.Ordinal))
                {
                    failures.Add($"GET 412 without PreconditionFailed XML ({string.Join(", ", headers.Select(h => h.Item1))})");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Sdk_Conditionals_MapToExceptionsAndStatuses()
    {
        var key = await PutAsync("cond-sdk.txt");
        var etag = (await _s3.GetObjectMetadataAsync(_bucket, key)).ETag;

        await S3Assert.FailsWithAsync("PreconditionFailed", HttpStatusCode.PreconditionFailed,
            () => _s3.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = key, EtagToMatch = "\"ffffffffffffffffffffffffffffffff\"" }));
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotModified,
            () => _s3.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = key, EtagToNotMatch = etag }));
    }

    public void Dispose() => _raw.Dispose();

    private async Task<string> PutAsync(string key)
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = Body });
        return key;
    }

    private Task<HttpResponseMessage> GetAsync(string key, params (string, string)[] headers) =>
        _raw.SendAsync(HttpMethod.Get, _bucket, key, headers);
}
