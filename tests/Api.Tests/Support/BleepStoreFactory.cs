using Amazon.Runtime;
using Amazon.S3;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BleepStore.Api.Tests.Support;

/// <summary>
/// The real app on Kestrel (loopback, ephemeral port), with its own temp data directory and config file. The config path
/// reaches Program as <c>--config=…</c>: WebApplicationFactory turns host settings into arguments.
/// </summary>
public sealed class BleepStoreFactory : WebApplicationFactory<Program>
{
    public const string AccessKey = "test-access";
    public const string SecretKey = "test-secret-key";

    private readonly Action<IServiceCollection>? _services;

    public BleepStoreFactory()
        : this("", null)
    {
    }

    internal BleepStoreFactory(string extraYaml, Action<IServiceCollection>? services)
    {
        _services = services;
        UseKestrel();
        DataDir = Directory.CreateTempSubdirectory("bleepstore-api-").FullName;
        ConfigPath = Path.Combine(DataDir, "bleepstore.yaml");
        File.WriteAllText(ConfigPath, $"""
            server:
              host: 127.0.0.1
              port: 0
              region: us-east-1
              domain: s3.test.local
            auth:
              access_key: {AccessKey}
              secret_key: {SecretKey}
            logging:
              level: warn
            metadata:
              sqlite:
                path: {DataDir}/metadata.db
            storage:
              backend: local
              local:
                root_dir: {DataDir}/objects
            {extraYaml}
            """);
    }

    public string DataDir { get; }

    public string ConfigPath { get; }

    /// <summary>The real Kestrel listener (raw request targets, chunked bodies and 100-continue as in production).</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    public IAmazonS3 CreateS3Client(string? secretKey = null, string? accessKey = null)
    {
        var config = new AmazonS3Config
        {
            ServiceURL = BaseAddress.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        };
        return new AmazonS3Client(new BasicAWSCredentials(accessKey ?? AccessKey, secretKey ?? SecretKey), config);
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["config"] = ConfigPath }));
        return base.CreateHost(builder);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
