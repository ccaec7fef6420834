using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BleepStore.Api.Tests.Support;

/// <summary>The built server started as a real process (<c>dotnet BleepStore.Api.dll</c>), for tests of start-up itself.</summary>
internal static class ServerProcess
{
    private static readonly string ServerDll = Path.Combine(AppContext.BaseDirectory, "BleepStore.Api.dll");

    /// <summary>Starts the server in <paramref name="workingDirectory"/> with <paramref name="args"/>; stdout and stderr are redirected.</summary>
    public static Process Start(string workingDirectory, params string[] args) =>
        StartWith(workingDirectory, new Dictionary<string, string?>(), args);

    /// <summary>As <see cref="Start"/>, with <paramref name="environment"/> set in (or, a null value, removed from) the process's environment.</summary>
    public static Process StartWith(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add(ServerDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("BLEEPSTORE_CONFIG");
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return Process.Start(info)!;
    }

    /// <summary>Polls <c>/readyz</c> for up to 60 s (a cold start on a loaded 2-core CI machine can take well over 10 s).</summary>
    public static async Task WaitReadyAsync(HttpClient http)
    {
        for (var i = 0; i < 600; i++)
        {
            try
            {
                using var response = await http.GetAsync("/readyz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("server did not become ready");
    }

    /// <summary>A loopback port free at the time of the call.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
