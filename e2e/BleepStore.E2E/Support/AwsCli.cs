using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace BleepStore.E2E.Support;

/// <summary>
/// Runs the real <c>aws</c> command against the server in an isolated environment: credentials from the
/// BLEEPSTORE_* settings, a private config file (path-style, no retries), no profile, no CRT signer.
/// </summary>
internal sealed class AwsCli : IDisposable
{
    private readonly string _workDir = Directory.CreateTempSubdirectory("bleepstore-e2e-cli-").FullName;
    private readonly string _configFile;

    public AwsCli()
    {
        _configFile = Path.Combine(_workDir, "config");
        File.WriteAllText(_configFile, string.Join('\n',
            "[default]",
            "region = " + E2ESettings.Current.Region,
            "max_attempts = 1",
            "retry_mode = standard",
            "s3 =",
            "  addressing_style = path",
            // Multipart is a later issue: keep `s3 cp` on single PUT/GET requests for objects this size.
            "  multipart_threshold = 16GB",
            "") + "\n");
    }

    public string WorkDir => _workDir;

    /// <summary>BLEEPSTORE_AWS_CLI (set by run_e2e.sh to the aws it verified) or the first <c>aws</c> on PATH.</summary>
    public static string? Executable { get; } = ExplicitCli() ?? FindOnPath("aws");

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var executable = Executable ?? throw new InvalidOperationException(
            "The `aws` command (awscli) is not on PATH. Install it (Debian: apt-get install -y awscli) " +
            "or run ./run_e2e.sh, which installs it.");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = _workDir,
        };
        start.ArgumentList.Add("--endpoint-url");
        start.ArgumentList.Add(E2ESettings.Current.EndpointText);
        start.ArgumentList.Add("--output");
        start.ArgumentList.Add("json");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        ConfigureEnvironment(start.Environment);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start aws");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("aws " + string.Join(' ', args) + " did not finish within 5 minutes");
        }

        return new CliResult(string.Join(' ', args), process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs and asserts exit code 0, showing the command's output when it is not.</summary>
    public async Task<CliResult> RunOkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, result.Describe());
        return result;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void ConfigureEnvironment(IDictionary<string, string?> env)
    {
        foreach (var name in env.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            env.Remove(name);
        }

        var settings = E2ESettings.Current;
        env["AWS_ACCESS_KEY_ID"] = settings.AccessKey;
        env["AWS_SECRET_ACCESS_KEY"] = settings.SecretKey;
        env["AWS_DEFAULT_REGION"] = settings.Region;
        env["AWS_CONFIG_FILE"] = _configFile;
        env["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        env["AWS_EC2_METADATA_DISABLED"] = "true";
        env["AWS_PAGER"] = string.Empty;
        env["BOTO_DISABLE_CRT"] = "true";
    }

    private static string? ExplicitCli()
    {
        var configured = Environment.GetEnvironmentVariable("BLEEPSTORE_AWS_CLI");
        return string.IsNullOrWhiteSpace(configured) ? null : configured;
    }

    private static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }
}

internal sealed record CliResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Stdout);
        return document.RootElement.Clone();
    }

    public string Describe()
    {
        var text = new StringBuilder();
        text.Append("aws ").Append(Command).Append(" exited ").Append(ExitCode).AppendLine();
        text.Append("stdout: ").AppendLine(Stdout.Trim());
        text.Append("stderr: ").AppendLine(Stderr.Trim());
        return text.ToString();
    }
}
