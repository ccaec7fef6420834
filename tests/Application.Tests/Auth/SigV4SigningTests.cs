using System.Security.Cryptography;
using BleepStore.Application.Auth;

namespace BleepStore.Application.Tests.Auth;

public sealed class SigV4SigningTests
{
    [Fact]
    public void Sign_AlternatingKeysAndMessagesOnOneThread_MatchesOneShotHmac()
    {
        var keys = new[] { RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32) };
        var messages = new[] { "AWS4-HMAC-SHA256\n20130524T000000Z\n"u8.ToArray(), [], RandomNumberGenerator.GetBytes(1000) };
        Span<byte> signature = stackalloc byte[32];
        foreach (var keyIndex in new[] { 0, 0, 1, 0, 2, 2, 1 })
        {
            foreach (var message in messages)
            {
                SigV4Signing.Sign(keys[keyIndex], message, signature);
                Assert.Equal(HMACSHA256.HashData(keys[keyIndex], message), signature.ToArray());
            }
        }
    }

    [Fact]
    public async Task Sign_ManyThreadsAtOnce_EachGetsItsOwnCorrectHmac()
    {
        var keys = Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetBytes(32)).ToArray();
        var tasks = Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            var signature = new byte[32];
            for (var i = 0; i < 500; i++)
            {
                var key = keys[(t + i) % keys.Length];
                var message = BitConverter.GetBytes(i * 31 + t);
                SigV4Signing.Sign(key, message, signature);
                Assert.Equal(HMACSHA256.HashData(key, message), signature);
            }
        }));
        await Task.WhenAll(tasks);
    }

    [Fact]
    public void WriteStringToSign_HashesTheCanonicalRequestEveryTime()
    {
        foreach (var canonical in new[] { "GET\n/\n\nhost:x\n\nhost\nUNSIGNED-PAYLOAD"u8.ToArray(), [], "PUT"u8.ToArray() })
        {
            var w = new PooledByteWriter(256);
            try
            {
                SigV4Signing.WriteStringToSign(ref w, "20130524T000000Z", "20130524/us-east-1/s3/aws4_request", canonical);
                var text = w.ToUtf8String();
                Assert.EndsWith("\n" + Convert.ToHexStringLower(SHA256.HashData(canonical)), text, StringComparison.Ordinal);
            }
            finally
            {
                w.Dispose();
            }
        }
    }
}
