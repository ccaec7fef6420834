using System.Net;
using System.Net.Sockets;

namespace BleepStore.Infrastructure.Tests.TestSupport;

internal static class FreePort
{
    /// <summary>A loopback port the OS just handed out and released.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
