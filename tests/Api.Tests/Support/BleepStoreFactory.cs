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
public class BleepStoreFactory : WebApplicationFactory<Program>
{
    public const string AccessKey = "test-access";
    public const string SecretKey = "test-secret-key";

    private readonly Action<IServiceCollection>? _services;

    public BleepStoreFactory()
        : this(null, null)
    {
    }

    /// <param name="settings">Dotted config keys (<c>auth.enabled</c>) over the test defaults.</param>
    internal BleepStoreFactory(IReadOnlyDictionary<string, string>? settings, Action<IServiceCollection>? services)
    {
        _services = services;
        UseKestrel();
        DataDir = Directory.CreateTempSubdirectory("bleepstore-api-").FullName;
        ConfigPath = Path.Combine(DataDir, "bleepstore.yaml");
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["server.host"] = "127.0.0.1",
            ["server.port"] = "0",
            ["server.region"] = "us-east-1",
            ["server.domain"] = "s3.test.local",
            ["auth.access_key"] = AccessKey,
            ["auth.secret_key"] = SecretKey,
            ["logging.level"] = "warn",
            ["metadata.sqlite.path"] = Path.Combine(DataDir, "metadata.db"),
            ["storage.backend"] = "local",
            ["storage.local.root_dir"] = Path.Combine(DataDir, "objects"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }

        File.WriteAllText(ConfigPath, ToYaml(values));
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

    public IAmazonS3 CreateS3Client(string? secretKey = null, string? accessKey = null, HttpClientFactory? httpClientFactory = null)
    {
        var config = new AmazonS3Config
        {
            ServiceURL = BaseAddress.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        };
        if (httpClientFactory is not null)
        {
            config.HttpClientFactory = httpClientFactory;
        }

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

    /// <summary>Nested YAML from sorted dotted keys (sorting keeps each section's keys together).</summary>
    private static string ToYaml(SortedDictionary<string, string> values)
    {
        var yaml = new System.Text.StringBuilder();
        string[] open = [];
        foreach (var (key, value) in values)
        {
            var parts = key.Split('.');
            var common = 0;
            while (common < open.Length && common < parts.Length - 1 && open[common] == parts[common])
            {
                common++;
            }

            for (var i = common; i < parts.Length - 1; i++)
            {
                yaml.Append(' ', i * 2).Append(parts[i]).Append(":\n");
            }

            yaml.Append(' ', (parts.Length - 1) * 2).Append(parts[^1]).Append(": '").Append(value.Replace("'", "''", StringComparison.Ordinal)).Append("'\n");
            open = parts[..^1];
        }

        return yaml.ToString();
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
