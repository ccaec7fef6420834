using System.Diagnostics;
using System.Net;
using BleepStore.Api.Tests.Support;

namespace BleepStore.Api.Tests.Integration;

/// <summary>
/// What the started server has loaded (its <c>/proc/PID/maps</c>): work that can wait until a request needs it
/// is not done at start-up, and still happens when that request comes.
/// </summary>
public sealed class StartupFootprintTests
{
    [Fact]
    public async Task SwaggerUi_LoadsOnTheFirstDocsRequest_NotAtStartUp_AndAPlainConfigFileNeedsNoYamlLibrary()
    {
        if (!File.Exists("/proc/self/maps"))
        {
            return; // Linux only: the mapped files are how this test sees what was loaded.
        }

        using var dir = new TempDir();
        var port = ServerProcess.FreePort();
        File.WriteAllText(Path.Combine(dir.Path, "bleepstore.yaml"), "# plain\nserver:\n  region: us-east-1\nlogging:\n  level: warn\n");
        using var process = ServerProcess.Start(dir.Path, "--bind", $"127.0.0.1:{port}");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await ServerProcess.WaitReadyAsync(http);
            using (var list = await http.GetAsync("/"))
            {
                Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode); // unsigned: a real S3 request went through the pipeline
            }

            var atStart = MappedFiles(process.Id);
            Assert.Contains("BleepStore.Api.dll", atStart);
            Assert.DoesNotContain("Swashbuckle.AspNetCore.SwaggerUI.dll", atStart);
            Assert.DoesNotContain("YamlDotNet.dll", atStart);

            using var redirect = await http.GetAsync("/docs");
            using var index = await http.GetAsync("/docs/index.html");

            Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
            Assert.Equal("docs/index.html", redirect.Headers.Location!.ToString());
            Assert.Equal(HttpStatusCode.OK, index.StatusCode);
            Assert.Equal("text/html", index.Content.Headers.ContentType!.MediaType);
            Assert.Contains("Swashbuckle.AspNetCore.SwaggerUI.dll", MappedFiles(process.Id));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task DocsPrefix_OtherPathsStillReachS3()
    {
        if (!File.Exists("/proc/self/maps"))
        {
            return;
        }

        using var dir = new TempDir();
        var port = ServerProcess.FreePort();
        using var process = ServerProcess.Start(dir.Path, "--bind", $"127.0.0.1:{port}", "--log-level", "warn");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await ServerProcess.WaitReadyAsync(http);

            // A key under a bucket named "docs" that Swagger UI has no file for: the S3 answer, as before.
            using var missing = await http.GetAsync("/docs/no-such-asset");

            Assert.Equal("application/xml", missing.Content.Headers.ContentType!.MediaType);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static HashSet<string> MappedFiles(int pid) =>
        File.ReadLines($"/proc/{pid}/maps")
            .Select(l => l.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length == 6 && p[5].StartsWith('/'))
            .Select(p => Path.GetFileName(p[5].Trim()))
            .ToHashSet(StringComparer.Ordinal);
}
