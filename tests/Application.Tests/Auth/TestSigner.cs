using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BleepStore.Application.Requests;

namespace BleepStore.Application.Tests.Auth;

/// <summary>
/// A small SigV4 signer written independently of the production code (strings, instance HMAC), so
/// round-trip tests do not just compare the implementation with itself.
/// </summary>
internal static class TestSigner
{
    public const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    public const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    public static readonly DateTimeOffset ExampleTime = new(2013, 5, 24, 0, 0, 0, TimeSpan.Zero);

    public static string Encode(string text, bool keepSlash)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
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

    public static string Sha256Hex(string text) => Sha256Hex(Encoding.UTF8.GetBytes(text));

    public static string Sha256Hex(byte[] data) => Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();

    public static byte[] SigningKey(string secret, string date, string region)
    {
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), date);
        key = Hmac(key, region);
        key = Hmac(key, "s3");
        return Hmac(key, "aws4_request");
    }

    public static string HmacHex(byte[] key, string data) => Convert.ToHexString(Hmac(key, data)).ToLowerInvariant();

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Signs with the Authorization header; every header given is signed, plus host.</summary>
    public static SignedRequest SignHeader(
        string method,
        string path,
        IEnumerable<(string Name, string Value)>? query,
        IDictionary<string, string> headers,
        string payloadHash,
        DateTimeOffset time,
        string region = "us-east-1",
        string accessKey = AccessKey,
        string secret = Secret,
        long? contentLength = null,
        bool sendPayloadHashHeader = true,
        bool useDateHeader = false)
    {
        var ts = Timestamp(time);
        var all = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        all.TryAdd("Host", "examplebucket.s3.amazonaws.com");
        if (useDateHeader)
        {
            all["Date"] = time.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);
        }
        else
        {
            all["x-amz-date"] = ts;
        }

        if (sendPayloadHashHeader)
        {
            all["x-amz-content-sha256"] = payloadHash;
        }

        var rawPath = Encode(path, keepSlash: true);
        var pairs = (query ?? []).Select(p => (Encode(p.Name, false), Encode(p.Value, false))).ToList();
        var rawQuery = string.Join("&", pairs.Select(p => p.Item1 + "=" + p.Item2));
        var signedNames = all.Keys.Select(k => k.ToLowerInvariant()).Order(StringComparer.Ordinal).ToList();
        var signedHeaders = string.Join(";", signedNames);
        var canonical = Canonical(method, rawPath, pairs, signedNames, all, payloadHash);
        var scope = $"{ts[..8]}/{region}/s3/aws4_request";
        var signature = Signature(secret, ts, region, scope, canonical);
        all["Authorization"] = $"AWS4-HMAC-SHA256 Credential={accessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
        var facts = new HttpRequestFacts
        {
            Method = method,
            RawPath = rawPath,
            RawQuery = rawQuery,
            Headers = all,
            ContentLength = contentLength,
        };
        return new SignedRequest(facts, signature, SigningKey(secret, ts[..8], region), ts, scope);
    }

    /// <summary>A presigned URL request; <paramref name="extra"/> are further query parameters.</summary>
    public static HttpRequestFacts Presign(
        string method,
        string path,
        DateTimeOffset time,
        int expires,
        IEnumerable<(string Name, string Value)>? extra = null,
        string region = "us-east-1",
        string accessKey = AccessKey,
        string secret = Secret)
    {
        var ts = Timestamp(time);
        var scope = $"{ts[..8]}/{region}/s3/aws4_request";
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Host"] = "examplebucket.s3.amazonaws.com" };
        var pairs = new List<(string, string)>
        {
            ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
            ("X-Amz-Credential", $"{accessKey}/{scope}"),
            ("X-Amz-Date", ts),
            ("X-Amz-Expires", expires.ToString(CultureInfo.InvariantCulture)),
            ("X-Amz-SignedHeaders", "host"),
        };
        pairs.AddRange(extra ?? []);
        var encoded = pairs.Select(p => (Encode(p.Item1, false), Encode(p.Item2, false))).ToList();
        var rawPath = Encode(path, keepSlash: true);
        var canonical = Canonical(method, rawPath, encoded, ["host"], headers, "UNSIGNED-PAYLOAD");
        var signature = Signature(secret, ts, region, scope, canonical);
        encoded.Add(("X-Amz-Signature", signature));
        return new HttpRequestFacts
        {
            Method = method,
            RawPath = rawPath,
            RawQuery = string.Join("&", encoded.Select(p => p.Item1 + "=" + p.Item2)),
            Headers = headers,
        };
    }

    /// <summary>Signs aws-chunked chunks (and an optional trailer) over the seed signature.</summary>
    public static byte[] ChunkedBody(SignedRequest seed, IEnumerable<byte[]> chunks, IReadOnlyList<(string Name, string Value)>? trailers = null, bool signTrailer = false)
    {
        var body = new MemoryStream();
        var previous = seed.Signature;
        foreach (var chunk in chunks.Append([]))
        {
            var stringToSign = $"AWS4-HMAC-SHA256-PAYLOAD\n{seed.Timestamp}\n{seed.Scope}\n{previous}\n{EmptySha256}\n{Sha256Hex(chunk)}";
            previous = HmacHex(seed.SigningKey, stringToSign);
            Write(body, $"{chunk.Length:x};chunk-signature={previous}\r\n");
            body.Write(chunk);
            if (chunk.Length > 0)
            {
                Write(body, "\r\n");
            }
        }

        if (trailers is not null)
        {
            var lines = string.Concat(trailers.Select(t => $"{t.Name}:{t.Value}\n"));
            foreach (var (name, value) in trailers)
            {
                Write(body, $"{name}:{value}\r\n");
            }

            if (signTrailer)
            {
                var stringToSign = $"AWS4-HMAC-SHA256-TRAILER\n{seed.Timestamp}\n{seed.Scope}\n{previous}\n{Sha256Hex(lines)}";
                Write(body, $"x-amz-trailer-signature:{HmacHex(seed.SigningKey, stringToSign)}\r\n");
            }
        }

        Write(body, "\r\n");
        return body.ToArray();
    }

    private static string Canonical(string method, string rawPath, List<(string, string)> encodedQuery, IEnumerable<string> signedNames, IDictionary<string, string> headers, string payloadHash)
    {
        var query = string.Join("&", encodedQuery
            .Where(p => p.Item1 != "X-Amz-Signature")
            .OrderBy(p => p.Item1, StringComparer.Ordinal)
            .ThenBy(p => p.Item2, StringComparer.Ordinal)
            .Select(p => p.Item1 + "=" + p.Item2));
        var lookup = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        var headerBlock = string.Concat(signedNames.Select(n => $"{n}:{string.Join(' ', lookup[n].Split(' ', StringSplitOptions.RemoveEmptyEntries))}\n"));
        return $"{method}\n{rawPath}\n{query}\n{headerBlock}\n{string.Join(';', signedNames)}\n{payloadHash}";
    }

    private static string Signature(string secret, string ts, string region, string scope, string canonical)
    {
        var stringToSign = $"AWS4-HMAC-SHA256\n{ts}\n{scope}\n{Sha256Hex(canonical)}";
        return HmacHex(SigningKey(secret, ts[..8], region), stringToSign);
    }

    private static byte[] Hmac(byte[] key, string data)
    {
        using var hmac = new HMACSHA256(key);
        return hmac.ComputeHash(Encoding.UTF8.GetBytes(data));
    }

    private static void Write(Stream s, string text) => s.Write(Encoding.ASCII.GetBytes(text));
}

internal sealed record SignedRequest(HttpRequestFacts Facts, string Signature, byte[] SigningKey, string Timestamp, string Scope);
