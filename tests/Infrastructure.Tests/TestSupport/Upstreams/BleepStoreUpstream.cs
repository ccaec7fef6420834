using Amazon.Runtime;
using Amazon.S3;

namespace BleepStore.Infrastructure.Tests.TestSupport.Upstreams;

/// <summary>
/// A second, real BleepStore server (the built src/Api, local backend, its own temp dir) as the AWS
/// gateway's upstream: the full S3 API, UploadPartCopy and aws-chunked bodies included.
/// </summary>
public sealed class BleepStoreUpstream : IAsyncLifetime
{
    public const string AccessKey = "upstream-key";
    public const string SecretKey = "upstream-secret";
    public const string Bucket = "upstream";

    private UpstreamProcess? _process;

    public UpstreamProcess Process => _process ?? throw new InvalidOperationException("not started");

    public string Endpoint => Process.Endpoint;

    public async Task InitializeAsync()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "BleepStore.Api.dll");
        _process = UpstreamProcess.Start("dotnet", (port, dir) =>
        {
            var config = Path.Combine(dir.Path, "upstream.yaml");
            File.WriteAllText(config, $"""
                server:
                  host: 127.0.0.1
                  port: {port}
                auth:
                  access_key: {AccessKey}
                  secret_key: {SecretKey}
                metadata:
                  engine: sqlite
                  sqlite:
                    path: {dir.Path}/metadata.db
                storage:
                  backend: local
                  local:
                    root_dir: {dir.Path}/objects
                logging:
                  level: warn
                """);
            return [dll, "--config", config];
        });

        using var http = new HttpClient();
        await Process.WaitReadyAsync(async () => (await http.GetAsync(Endpoint + "/readyz")).IsSuccessStatusCode);
        using var client = CreateClient();
        await client.PutBucketAsync(Bucket);
    }

    public Task DisposeAsync()
    {
        _process?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A client talking to the upstream directly (to look behind the gateway).</summary>
    public AmazonS3Client CreateClient() => new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
    {
        ServiceURL = Endpoint,
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        MaxErrorRetry = 0,
    });
}
