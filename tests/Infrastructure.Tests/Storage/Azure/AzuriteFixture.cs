using System.Diagnostics;
using System.Net.Sockets;
using Azure.Storage.Blobs;
using BleepStore.Infrastructure.Tests.TestSupport;

namespace BleepStore.Infrastructure.Tests.Storage.Azure;

/// <summary>
/// One Azurite blob service (npm, tests/emulators/azurite) for the test run, on a free loopback port
/// with its data in a temp directory; installed with <c>npm ci</c> if missing, killed by PID at dispose.
/// </summary>
public sealed class AzuriteFixture : IDisposable
{
    // Azurite's well-known development account (public, documented by Microsoft).
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly TempDirectory _data = new();
    private readonly Process _process;

    public AzuriteFixture()
    {
        var folder = Path.Combine(RepoPaths.Root(), "tests", "emulators", "azurite");
        var bin = Path.Combine(folder, "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(bin))
        {
            Run("npm", ["ci", "--no-audit", "--no-fund"], folder);
        }

        Port = FreePort.Next();
        var start = new ProcessStartInfo(bin) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(), "--location", _data.Path, "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent" })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("azurite-blob did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilListening();
    }

    public int Port { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    /// <summary>A new, empty container with a unique name.</summary>
    public BlobContainerClient NewContainer()
    {
        var container = new BlobServiceClient(ConnectionString).GetBlobContainerClient("c" + Guid.NewGuid().ToString("N"));
        container.Create();
        return container;
    }

    public void Dispose()
    {
        try
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        _data.Dispose();
    }

    private static void Run(string file, string[] args, string directory)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var p = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed in {directory} with exit code {p.ExitCode}");
        }
    }

    private void WaitUntilListening()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"azurite-blob exited with code {_process.ExitCode}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        throw new TimeoutException("azurite-blob did not listen within 60 s");
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}
