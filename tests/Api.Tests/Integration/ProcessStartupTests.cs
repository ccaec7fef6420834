using System.Diagnostics;
using System.Text.Json;
using BleepStore.Api.Tests.Support;

namespace BleepStore.Api.Tests.Integration;

/// <summary>The built server as a process: start-up failures, CLI and the request log on stderr.</summary>
public sealed class ProcessStartupTests
{
    [Theory]
    [InlineData("server:\n  port: abc\n", "bleepstore: invalid config: server.port: 'abc' is not a port number (0-65535)")]
    [InlineData("storage:\n  backend: tape\n", "bleepstore: invalid config: storage.backend: 'tape' is not a supported storage backend (")]
    [InlineData("storage:\n  backend: azure\n  azure:\n    account: acct\n", "bleepstore: invalid config: storage.azure.container: is required for storage.backend azure")]
    [InlineData("storage:\n  backend: gcp\n", "bleepstore: invalid config: storage.gcp.bucket: is required for storage.backend gcp")]
    [InlineData("server: [\n", "bleepstore: invalid config: bleepstore.yaml: line ")]
    public async Task BadConfigFile_ExitsWithOneLineNamingTheKey(string yaml, string expectedStart)
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "bleepstore.yaml"), yaml);

        var (exit, stderr) = await RunToExitAsync(dir.Path);

        Assert.Equal(1, exit);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expectedStart, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadFlag_AndMissingConfigFile_ExitWithOneLine()
    {
        using var dir = new TempDir();

        var (exit, stderr) = await RunToExitAsync(dir.Path, "--port", "x");
        Assert.Equal(1, exit);
        Assert.Equal("bleepstore: invalid config: --port: 'x' is not a port number (0-65535)", stderr.Trim());

        (exit, stderr) = await RunToExitAsync(dir.Path, "--config", "missing.yaml");
        Assert.Equal(1, exit);
        Assert.StartsWith("bleepstore: invalid config: --config: file ", stderr.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnopenableMetadataPath_ExitsNamingTheKey()
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "blocker"), "a file, not a directory");
        File.WriteAllText(Path.Combine(dir.Path, "bleepstore.yaml"), "metadata:\n  sqlite:\n    path: blocker/meta.db\n");

        var (exit, stderr) = await RunToExitAsync(dir.Path);

        Assert.Equal(1, exit);
        Assert.StartsWith("bleepstore: invalid config: metadata.sqlite.path: cannot open", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_PrintsUsage_AndExitsZero()
    {
        using var dir = new TempDir();

        var (exit, _) = await RunToExitAsync(dir.Path, "--help");

        Assert.Equal(0, exit);
    }

    [Fact]
    public async Task Version_PrintsVersionAndCommit_AndExitsZero()
    {
        using var dir = new TempDir();
        using var process = ServerProcess.Start(dir.Path, "--version");
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        Assert.Matches(@"^bleepstore [0-9]+\.[0-9]+\.[0-9]+ \(commit ([0-9a-f]{7,40}|unknown)\)\s*$", stdout);
    }

    [Fact]
    public async Task JsonLog_HasOneLinePerRequest_WithoutSecrets_AndSkipsProbes()
    {
        using var dir = new TempDir();
        var port = ServerProcess.FreePort();
        File.WriteAllText(Path.Combine(dir.Path, "bleepstore.yaml"), "auth:\n  secret_key: very-secret-value\n");
        using var process = ServerProcess.Start(dir.Path, "--bind", $"127.0.0.1:{port}", "--log-format", "json");
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines.Enqueue(e.Data);
            }
        };
        process.BeginErrorReadLine();
        string requestId;
        int status;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await ServerProcess.WaitReadyAsync(http);
            using var probe = await http.GetAsync("/healthz");
            // A presigned-looking query: its signature must not reach the log.
            using var s3 = await http.GetAsync("/some-bucket?list-type=2&X-Amz-Signature=deadbeefsignature");
            requestId = Assert.Single(s3.Headers.GetValues("x-amz-request-id"));
            status = (int)s3.StatusCode;

            // The line is written once the response is done: give it a moment.
            for (var i = 0; i < 200 && !lines.Any(l => l.Contains(requestId, StringComparison.Ordinal)); i++)
            {
                await Task.Delay(100);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Assert.DoesNotContain(lines, l => l.Contains("very-secret-value", StringComparison.Ordinal));
        var requests = lines.Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.TryGetProperty("Properties", out var p) && p.TryGetProperty("request_id", out _))
            .Select(e => e.GetProperty("Properties"))
            .ToList();
        var line = Assert.Single(requests);
        Assert.Equal("GET", line.GetProperty("method").GetString());
        Assert.Equal("/some-bucket", line.GetProperty("path").GetString());
        Assert.Equal(status, line.GetProperty("status").GetInt32());
        Assert.Equal(requestId, line.GetProperty("request_id").GetString());
        Assert.True(line.GetProperty("duration_ms").GetDouble() >= 0);
        Assert.Equal("ListObjectsV2", line.GetProperty("operation").GetString());
        Assert.Equal("127.0.0.1", line.GetProperty("remote_addr").GetString());
        Assert.True(line.GetProperty("bytes_out").GetInt64() > 0);
        Assert.Equal(0, line.GetProperty("bytes_in").GetInt64());
        Assert.DoesNotContain(lines, l => l.Contains("deadbeefsignature", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LoggingLevels_PerSource_QuietsTheRequestLog()
    {
        using var dir = new TempDir();
        var port = ServerProcess.FreePort();
        File.WriteAllText(Path.Combine(dir.Path, "bleepstore.yaml"), "logging:\n  levels:\n    Serilog.AspNetCore: warn\n");
        using var process = ServerProcess.Start(dir.Path, "--bind", $"127.0.0.1:{port}", "--log-format", "json");
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines.Enqueue(e.Data);
            }
        };
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await ServerProcess.WaitReadyAsync(http);
            using var s3 = await http.GetAsync("/quiet-bucket?list-type=2");
            await Task.Delay(500);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Assert.Contains(lines, l => l.Contains("Now listening", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("quiet-bucket", StringComparison.Ordinal));
    }

    private static async Task<(int Exit, string Stderr)> RunToExitAsync(string workingDirectory, params string[] args)
    {
        using var process = ServerProcess.Start(workingDirectory, args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        _ = process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stderr);
    }
}
