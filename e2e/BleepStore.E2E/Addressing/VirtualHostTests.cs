using System.Net;

namespace BleepStore.E2E.Addressing;

/// <summary>
/// Virtual-hosted-style requests (<c>Host: {bucket}.{domain}:PORT</c>) against a server started with
/// <c>server.domain</c> (BLEEPSTORE_VHOST_ENDPOINT, e.g. http://localhost:PORT; run_e2e.sh starts it). Path-style keeps working there.
/// </summary>
public sealed class VirtualHostTests : IDisposable
{
    private readonly Uri _endpoint = E2ESettings.VirtualHostEndpoint
        ?? throw new InvalidOperationException("BLEEPSTORE_VHOST_ENDPOINT is not set: run ./run_e2e.sh, which starts a server with server.domain: localhost");

    private readonly AmazonS3Client _virtual;
    private readonly AmazonS3Client _path;
    private readonly string _bucket = BucketNames.New();

    public VirtualHostTests()
    {
        _virtual = Create(forcePathStyle: false);
        _path = Create(forcePathStyle: true);
    }

    [Fact]
    public async Task VirtualHosted_BucketAndObjectLifecycle()
    {
        await _virtual.PutBucketAsync(_bucket);
        try
        {
            const string key = "vhost/a key+with%special?#🙂.txt";
            var put = await _virtual.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = "virtual" });
            Assert.Equal(HttpStatusCode.OK, put.HttpStatusCode);

            using (var get = await _virtual.GetObjectAsync(_bucket, key))
            using (var reader = new StreamReader(get.ResponseStream))
            {
                Assert.Equal("virtual", await reader.ReadToEndAsync());
            }

            var listed = await _virtual.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket });
            Assert.Equal([key], (listed.S3Objects ?? []).Select(o => o.Key));

            // The same object through path-style on the same server.
            using (var viaPath = await _path.GetObjectAsync(_bucket, key))
            using (var reader = new StreamReader(viaPath.ResponseStream))
            {
                Assert.Equal("virtual", await reader.ReadToEndAsync());
            }

            await _virtual.DeleteObjectAsync(_bucket, key);
            await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => _path.GetObjectMetadataAsync(_bucket, key));
        }
        finally
        {
            await BucketCleaner.DeleteBucketAndContentsAsync(_virtual, _bucket);
        }

        Assert.DoesNotContain(_bucket, ((await _path.ListBucketsAsync()).Buckets ?? []).Select(b => b.BucketName));
    }

    [Fact]
    public async Task VirtualHosted_MissingBucket_NoSuchBucket()
    {
        await S3Assert.FailsWithAsync("NoSuchBucket", HttpStatusCode.NotFound, () => _virtual.ListObjectsV2Async(new ListObjectsV2Request { BucketName = BucketNames.New() }));
    }

    [Fact]
    public async Task VirtualHosted_RawHostHeader_ServesTheBucket()
    {
        await _path.PutBucketAsync(_bucket);
        try
        {
            await _path.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "raw.txt", ContentBody = "raw host", CannedACL = S3CannedACL.PublicRead });
            using var http = new HttpClient(new SocketsHttpHandler());
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{_endpoint.Port}/raw.txt");
            request.Headers.Host = $"{_bucket}.localhost:{_endpoint.Port}";

            using var response = await http.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("raw host", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            await BucketCleaner.DeleteBucketAndContentsAsync(_path, _bucket);
        }
    }

    public void Dispose()
    {
        _virtual.Dispose();
        _path.Dispose();
    }

    private AmazonS3Client Create(bool forcePathStyle)
    {
        var config = new AmazonS3Config
        {
            ServiceURL = _endpoint.GetLeftPart(UriPartial.Authority),
            ForcePathStyle = forcePathStyle,
            AuthenticationRegion = E2ESettings.Current.Region,
            MaxErrorRetry = 0,
            HttpClientFactory = new LoopbackHttpClientFactory(),
        };
        return new AmazonS3Client(new BasicAWSCredentials(E2ESettings.Current.AccessKey, E2ESettings.Current.SecretKey), config);
    }
}
