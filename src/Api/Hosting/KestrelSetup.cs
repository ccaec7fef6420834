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

        if (server.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(server.Port);
        }
        else
        {
            kestrel.Listen(new IPEndPoint(Resolve(server.Host), server.Port));
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
