using System.Diagnostics;
using BleepStore.Infrastructure.Tests.TestSupport;
using BleepStore.Infrastructure.Tests.TestSupport.Upstreams;

namespace BleepStore.Infrastructure.Tests.Storage.Aws;

/// <summary>The server on <c>storage.backend: aws</c>, started as a process: a wrong bucket or credential stops start-up with one line naming the key.</summary>
public sealed class AwsGatewayStartupTests(BleepStoreUpstream upstream) : IClassFixture<BleepStoreUpstream>
{
    [Theory]
    [InlineData("no-such-bucket", BleepStoreUpstream.AccessKey, BleepStoreUpstream.SecretKey, "storage.aws.bucket")]
    [InlineData(BleepStoreUpstream.Bucket, "unknown-key", BleepStoreUpstream.SecretKey, "storage.aws.access_key_id")]
    [InlineData(BleepStoreUpstream.Bucket, BleepStoreUpstream.AccessKey, "wrong-secret", "storage.aws.secret_access_key")]
    public async Task Start_WrongUpstreamSetting_ExitsOneWithOneLineNamingTheKey(string bucket, string accessKey, string secret, string key)
    {
        using var dir = new TempDirectory();
        var config = GatewayConfig(dir.Path, FreePort.Next(), upstream.Endpoint, bucket, accessKey, secret);

        var (exitCode, stderr) = await RunToExitAsync(dir.Path, config);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"bleepstore: invalid config: {key}: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BucketKeyMissing_ExitsOneNamingIt()
    {
        using var dir = new TempDirectory();
        var config = Path.Combine(dir.Path, "gateway.yaml");
        await File.WriteAllTextAsync(config, $"server:\n  host: 127.0.0.1\n  port: {FreePort.Next()}\nstorage:\n  backend: aws\n");

        var (exitCode, stderr) = await RunToExitAsync(dir.Path, config);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("bleepstore: invalid config: storage.aws.bucket: ", stderr.Trim(), StringComparison.Ordinal);
    }

    /// <summary>The YAML of a server on the aws gateway in front of <paramref name="endpoint"/>.</summary>
    public static string GatewayConfig(string dir, int port, string endpoint, string bucket, string accessKey, string secret, string extraAws = "")
    {
        var path = Path.Combine(dir, "gateway.yaml");
        File.WriteAllText(path, $"""
            server:
              host: 127.0.0.1
              port: {port}
            metadata:
              engine: sqlite
              sqlite:
                path: {dir}/metadata.db
            storage:
              backend: aws
              aws:
                bucket: {bucket}
                prefix: gw/
                endpoint_url: {endpoint}
                use_path_style: true
                access_key_id: {accessKey}
                secret_access_key: {secret}
            {extraAws}
            logging:
              level: warn
            """);
        return path;
    }

    private static async Task<(int ExitCode, string Stderr)> RunToExitAsync(string dir, string config)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BleepStore.Api.dll"));
        info.ArgumentList.Add("--config");
        info.ArgumentList.Add(config);
        info.Environment.Remove("BLEEPSTORE_CONFIG");
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the server did not exit: " + await stderr);
        }

        return (process.ExitCode, await stderr);
    }
}
