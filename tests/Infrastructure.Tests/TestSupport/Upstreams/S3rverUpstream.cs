using Amazon.Runtime;
using Amazon.S3;

namespace BleepStore.Infrastructure.Tests.TestSupport.Upstreams;

/// <summary>
/// s3rver 3.7.1 from npm (tests/emulators/s3rver, installed with <c>npm ci</c> when missing) as an
/// interop upstream. It cannot decode aws-chunked bodies and has no UploadPartCopy, ListParts or
/// AbortMultipartUpload; it pages listings only under <c>--openssl-legacy-provider</c>.
/// </summary>
public sealed class S3rverUpstream : IAsyncLifetime
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";
    public const string Bucket = "upstream";

    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    private UpstreamProcess? _process;

    public UpstreamProcess Process => _process ?? throw new InvalidOperationException("not started");

    public string Endpoint => Process.Endpoint;

    public async Task InitializeAsync()
    {
        var folder = Path.Combine(RepoPaths.Root(), "tests", "emulators", "s3rver");
        var script = Path.Combine(folder, "node_modules", "s3rver", "bin", "s3rver.js");
        await EnsureInstalledAsync(folder, script);
        _process = UpstreamProcess.Start(
            "node",
            (port, dir) => [script, "-d", dir.Path, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-s", "--configure-bucket", Bucket],
            new Dictionary<string, string> { ["NODE_OPTIONS"] = "--openssl-legacy-provider" });
        using var client = CreateClient();
        await Process.WaitReadyAsync(async () =>
        {
            try
            {
                await client.ListObjectsV2Async(new() { BucketName = Bucket, MaxKeys = 1 });
                return true;
            }
            catch (AmazonS3Exception)
            {
                return false;
            }
        });
    }

    public Task DisposeAsync()
    {
        _process?.Dispose();
        return Task.CompletedTask;
    }

    public AmazonS3Client CreateClient() => new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
    {
        ServiceURL = Endpoint,
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        MaxErrorRetry = 0,
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    /// <summary>A fresh machine has no node_modules: install the pinned tree from package-lock.json.</summary>
    private static async Task EnsureInstalledAsync(string folder, string script)
    {
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(script))
            {
                return;
            }

            using var npm = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = folder })!;
            await npm.WaitForExitAsync();
            if (npm.ExitCode != 0 || !File.Exists(script))
            {
                throw new InvalidOperationException($"npm ci in {folder} failed ({npm.ExitCode})");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }
}
