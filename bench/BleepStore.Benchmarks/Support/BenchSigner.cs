using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BleepStore.Application.Abstractions;
using BleepStore.Application.Requests;
using BleepStore.Domain.Access;
using BleepStore.Domain.Credentials;

namespace BleepStore.Benchmarks.Support;

/// <summary>A plain SigV4 header signer for building benchmark inputs and for the timed HTTP loops (not on the measured path).</summary>
internal static class BenchSigner
{
    public const string AccessKey = "bleepstore";
    public const string Secret = "bleepstore-secret";
    public const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    public static readonly DateTimeOffset Time = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A GET signed the way the SDKs sign it: host, x-amz-content-sha256, x-amz-date.</summary>
    public static HttpRequestFacts SignedGet(string rawPath, string rawQuery = "")
    {
        var ts = Time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Host"] = "127.0.0.1:9000",
            ["x-amz-content-sha256"] = EmptySha256,
            ["x-amz-date"] = ts,
            ["User-Agent"] = "aws-sdk-dotnet-coreclr/4.0 ua/2.1 os/linux md/bench",
            ["amz-sdk-invocation-id"] = "6b0b7a1e-8d61-4b1c-9f0a-6d2b1c0e7f3a",
            ["Accept-Encoding"] = "identity",
        };
        var canonicalQuery = string.Join('&', rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        headers["Authorization"] = Authorization("GET", rawPath, canonicalQuery, headers["Host"], ts, AccessKey, Secret);
        return new HttpRequestFacts { Method = "GET", RawPath = rawPath, RawQuery = rawQuery, Headers = headers };
    }

    /// <summary>
    /// The SigV4 Authorization header of a request signed on host, x-amz-content-sha256 (empty body) and x-amz-date
    /// (<paramref name="amzDate"/>, yyyyMMddTHHmmssZ), region us-east-1; the path and the sorted query already URI-encoded.
    /// </summary>
    public static string Authorization(string method, string canonicalPath, string canonicalQuery, string host, string amzDate, string accessKey, string secret)
    {
        var scope = $"{amzDate[..8]}/us-east-1/s3/aws4_request";
        var canonical = $"{method}\n{canonicalPath}\n{canonicalQuery}\nhost:{host}\nx-amz-content-sha256:{EmptySha256}\nx-amz-date:{amzDate}\n\nhost;x-amz-content-sha256;x-amz-date\n{EmptySha256}";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), amzDate[..8]);
        key = Hmac(Hmac(Hmac(key, "us-east-1"), "s3"), "aws4_request");
        return $"AWS4-HMAC-SHA256 Credential={accessKey}/{scope}, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature={Hex(Hmac(key, stringToSign))}";
    }

    /// <summary>RFC 3986 encoding as SigV4 wants it (unreserved characters kept; '/' too when <paramref name="keepSlash"/>).</summary>
    public static string UriEncode(string s, bool keepSlash = false)
    {
        var sb = new StringBuilder(s.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (keepSlash && c == '/'))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    internal sealed class FixedClock : IClock
    {
        public DateTimeOffset UtcNow => Time;
    }

    internal sealed class OneCredential : ICredentialStore
    {
        private readonly Credential _credential = new(AccessKey, Secret, new Owner(AccessKey, AccessKey), true, DateTimeOffset.UnixEpoch);

        public Task<Credential?> GetCredentialAsync(string accessKeyId, CancellationToken ct) =>
            Task.FromResult(accessKeyId == AccessKey ? _credential : null);

        public Task UpsertCredentialAsync(Credential credential, CancellationToken ct) => Task.CompletedTask;

        public Task<Owner?> GetAccountAsync(string ownerId, CancellationToken ct) =>
            Task.FromResult(ownerId == AccessKey ? _credential.Owner : null);

        public Task<IReadOnlyList<Credential>> ListCredentialsAsync(CancellationToken ct) => throw new NotSupportedException("read-only fake");

        public Task<bool> TryCreateCredentialAsync(Credential credential, CancellationToken ct) => throw new NotSupportedException("read-only fake");

        public Task<Credential?> SetCredentialActiveAsync(string accessKeyId, bool active, CancellationToken ct) => throw new NotSupportedException("read-only fake");

        public Task<bool> DeleteCredentialAsync(string accessKeyId, CancellationToken ct) => throw new NotSupportedException("read-only fake");
    }
}
