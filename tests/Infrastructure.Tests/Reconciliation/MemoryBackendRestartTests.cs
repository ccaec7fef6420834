using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using BleepStore.Infrastructure.Tests.TestSupport;
using BleepStore.Infrastructure.Tests.TestSupport.Upstreams;

namespace BleepStore.Infrastructure.Tests.Reconciliation;

/// <summary>
/// The server on <c>storage.backend: memory</c> with its SQLite metadata file, killed with -9 and started again:
/// the objects whose bytes were in RAM are gone from listings and reads, the inline ones are intact.
/// </summary>
public sealed class MemoryBackendRestartTests
{
    [Fact]
    public async Task Kill9AndRestart_ObjectsWhoseBytesWereInRam_NotListedNotReadable()
    {
        using var data = new TempDirectory();
        using (var first = await StartAsync(data.Path))
        {
            using var s3 = Client(first);
            await s3.PutBucketAsync("bkt");
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = "bkt", Key = "big", InputStream = new MemoryStream(new byte[200_000]) });
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = "bkt", Key = "small", ContentBody = "inline bytes" });
            first.Kill();
        }

        using var second = await StartAsync(data.Path);
        using var client = Client(second);

        var listed = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "bkt" });
        Assert.Equal(["small"], listed.S3Objects.Select(o => o.Key));
        var missing = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.GetObjectAsync("bkt", "big"));
        Assert.Equal("NoSuchKey", missing.ErrorCode);
        using var small = await client.GetObjectAsync("bkt", "small");
        Assert.Equal("inline bytes", await new StreamReader(small.ResponseStream).ReadToEndAsync());
    }

    private static async Task<UpstreamProcess> StartAsync(string data)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "BleepStore.Api.dll");
        var server = UpstreamProcess.Start("dotnet", (port, dir) =>
        {
            var config = Path.Combine(dir.Path, "memory.yaml");
            File.WriteAllText(config, $"server:\n  host: 127.0.0.1\n  port: {port}\nmetadata:\n  sqlite:\n    path: {data}/metadata.db\nstorage:\n  backend: memory\nlogging:\n  level: warn\n");
            return [dll, "--config", config];
        });
        using var http = new HttpClient();
        await server.WaitReadyAsync(async () => (await http.GetAsync(server.Endpoint + "/readyz")).IsSuccessStatusCode);
        return server;
    }

    private static AmazonS3Client Client(UpstreamProcess server) => new(new BasicAWSCredentials("bleepstore", "bleepstore-secret"), new AmazonS3Config
    {
        ServiceURL = server.Endpoint,
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        MaxErrorRetry = 0,
    });
}
