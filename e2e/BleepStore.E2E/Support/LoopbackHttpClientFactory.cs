using System.Net.Sockets;

namespace BleepStore.E2E.Support;

/// <summary>
/// HttpClients whose connections always go to 127.0.0.1 whatever the URL's host, so that virtual-hosted URLs
/// (<c>{bucket}.localhost:PORT</c>) reach the server while Host and the SigV4 signature keep the bucket name.
/// </summary>
internal sealed class LoopbackHttpClientFactory : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(System.Net.IPAddress.Loopback, context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(5) };
    }
}
