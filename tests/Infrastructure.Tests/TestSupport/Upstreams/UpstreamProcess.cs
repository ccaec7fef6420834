using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BleepStore.Infrastructure.Tests.TestSupport.Upstreams;

/// <summary>
/// A real S3 server started as a child process on a free loopback port, with its own temp directory;
/// killed by its PID (process tree) and its directory removed at dispose.
/// </summary>
public sealed class UpstreamProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private UpstreamProcess(Process process, int port, TempDirectory directory)
    {
        _process = process;
        Port = port;
        Directory = directory;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    public TempDirectory Directory { get; }

    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="file"/> with <paramref name="args"/>; <paramref name="arguments"/> gets the port and directory.</summary>
    public static UpstreamProcess Start(string file, Func<int, TempDirectory, IEnumerable<string>> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var directory = new TempDirectory();
        var port = FreePort.Next();
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = workingDirectory ?? directory.Path };
        foreach (var arg in arguments(port, directory))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("BLEEPSTORE_CONFIG");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return new UpstreamProcess(Process.Start(info)!, port, directory);
    }

    /// <summary>Waits until the port accepts connections (and <paramref name="probe"/>, if given, succeeds), for up to 30 s.</summary>
    public async Task WaitReadyAsync(Func<Task<bool>>? probe = null)
    {
        for (var i = 0; i < 300; i++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"upstream exited with {_process.ExitCode}: {Output}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                if (probe is null || await probe())
                {
                    return;
                }
            }
            catch (SocketException)
            {
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"upstream on port {Port} did not become ready: {Output}");
    }

    /// <summary>kill -9: no chance to flush or clean up.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        Directory.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 64 * 1024)
            {
                _output.AppendLine(line);
            }
        }
    }
}
