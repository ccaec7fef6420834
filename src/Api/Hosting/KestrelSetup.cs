using System.Net;
using System.Net.Sockets;
using System.Text;
using BleepStore.Api.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace BleepStore.Api.Hosting;

/// <summary>Kestrel as an S3 server needs it: no body limit (the app enforces sizes), no framework Server header, UTF-8 headers.</summary>
internal static class KestrelSetup
{
    public static void Configure(KestrelServerOptions kestrel, ServerConfig server)
    {
        kestrel.AddServerHeader = false;
        kestrel.AllowSynchronousIO = false;
        kestrel.Limits.MaxRequestBodySize = null;
        // User metadata and Content-Disposition may be UTF-8; SigV4 signs the same characters the client sent.
        kestrel.RequestHeaderEncodingSelector = static _ => Encoding.UTF8;
        kestrel.ResponseHeaderEncodingSelector = static _ => Encoding.UTF8;

        Listen(kestrel, server.Host, server.Port, null);
        if (server.AdminToken is not null && server.AdminPort is { } adminPort)
        {
            // The admin API's own listener, on the same host: its connections are marked, the app sends them to the admin API.
            Listen(kestrel, server.Host, adminPort, Admin.AdminSetup.MarkAdmin);
        }
    }

    private static void Listen(KestrelServerOptions kestrel, string host, int port, Action<ListenOptions>? configure)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(port, configure ?? (_ => { }));
        }
        else
        {
            kestrel.Listen(new IPEndPoint(Resolve(host), port), configure ?? (_ => { }));
        }
    }

    private static IPAddress Resolve(string host)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return address;
        }

        try
        {
            var addresses = Dns.GetHostAddresses(host);
            return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses[0];
        }
        catch (Exception e) when (e is SocketException or IndexOutOfRangeException or ArgumentException)
        {
            throw new ConfigException("server.host", $"'{host}' cannot be resolved: {e.Message}");
        }
    }
}
