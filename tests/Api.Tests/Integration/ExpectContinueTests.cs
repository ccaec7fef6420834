using System.Net.Sockets;
using System.Text;
using BleepStore.Api.Tests.Support;

namespace BleepStore.Api.Tests.Integration;

/// <summary>
/// A PUT sent with <c>Expect: 100-continue</c> that is answered without reading its body must close the
/// connection, or the body the client may still send is read as the next request (seen with botocore).
/// </summary>
public sealed class ExpectContinueTests : IClassFixture<BleepStoreFactory>
{
    private readonly BleepStoreFactory _factory;

    public ExpectContinueTests(BleepStoreFactory factory) => _factory = factory;

    [Theory]
    [InlineData(5)]
    [InlineData(0)]
    public async Task RejectedOrEmptyPut_WithExpectContinue_AnswersConnectionClose(int length)
    {
        var address = _factory.CreateClient().BaseAddress!;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        var request = $"PUT /no-such-bucket-ec/key HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Length: {length}\r\nExpect: 100-continue\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));

        var head = await ReadHeadAsync(stream);

        Assert.DoesNotContain("100 Continue", head, StringComparison.Ordinal);
        Assert.Contains("connection: close", head, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PlainRejectedPut_KeepsTheConnection()
    {
        var address = _factory.CreateClient().BaseAddress!;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        var request = $"PUT /no-such-bucket-ec/key HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Length: 5\r\n\r\nhello";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));

        var head = await ReadHeadAsync(stream);

        Assert.DoesNotContain("connection: close", head, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new byte[16384];
        var text = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!text.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return text.ToString();
    }
}
