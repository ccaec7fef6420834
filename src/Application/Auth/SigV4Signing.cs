using System.Security.Cryptography;
using System.Text;

namespace BleepStore.Application.Auth;

/// <summary>The SigV4 primitives: signing-key chain, string to sign, signature, constant-time compare.</summary>
internal static class SigV4Signing
{
    // Per-thread hash objects, reused across requests (reset after each use). The key array is never
    // mutated once the cache hands it out, so reference equality identifies the key.
    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    [ThreadStatic]
    private static IncrementalHash? t_hmac;

    [ThreadStatic]
    private static byte[]? t_hmacKey;

    /// <summary>HMAC chain from <c>"AWS4"+secret</c> over date, region, service, <c>aws4_request</c>.</summary>
    public static void DeriveSigningKey(string secret, string date, string region, string service, Span<byte> key)
    {
        var max = Encoding.UTF8.GetMaxByteCount(secret.Length + 4);
        Span<byte> seed = max <= 512 ? stackalloc byte[max] : new byte[max];
        var n = Encoding.UTF8.GetBytes("AWS4", seed);
        n += Encoding.UTF8.GetBytes(secret, seed[n..]);
        HmacText(seed[..n], date, key);
        HmacText(key, region, key);
        HmacText(key, service, key);
        HmacText(key, SigV4Constants.Terminator, key);
        CryptographicOperations.ZeroMemory(seed);
    }

    /// <summary><c>algorithm \n timestamp \n scope \n hex(SHA-256(canonical request))</c>.</summary>
    public static void WriteStringToSign(ref PooledByteWriter w, string timestamp, string scope, ReadOnlySpan<byte> canonicalRequest)
    {
        Span<byte> hash = stackalloc byte[32];
        var sha = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(canonicalRequest);
        sha.GetHashAndReset(hash);
        w.Append(SigV4Constants.Algorithm.AsSpan());
        w.Append((byte)'\n');
        w.Append(timestamp.AsSpan());
        w.Append((byte)'\n');
        w.Append(scope.AsSpan());
        w.Append((byte)'\n');
        w.AppendHex(hash);
    }

    /// <summary>
    /// HMAC-SHA256 of the string to sign. The signing key is the same array for every request of a
    /// credential and day (<see cref="SigningKeyCache"/>), so each thread keeps an HMAC keyed with the
    /// last key it saw and only resets it: a one-shot HMAC set up and tore down OpenSSL's context per request.
    /// </summary>
    public static void Sign(byte[] signingKey, ReadOnlySpan<byte> stringToSign, Span<byte> signature)
    {
        var hmac = t_hmac;
        if (hmac is null || !ReferenceEquals(t_hmacKey, signingKey))
        {
            hmac?.Dispose();
            hmac = t_hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, signingKey);
            t_hmacKey = signingKey;
        }

        hmac.AppendData(stringToSign);
        hmac.GetHashAndReset(signature);
    }

    /// <summary>Constant-time comparison of a computed 32-byte signature with the client's hex.</summary>
    public static bool Matches(ReadOnlySpan<byte> computed, ReadOnlySpan<char> providedHex)
    {
        Span<byte> provided = stackalloc byte[32];
        return Hex.TryParse(providedHex, provided) && CryptographicOperations.FixedTimeEquals(computed, provided);
    }

    public static bool Matches(ReadOnlySpan<byte> computed, ReadOnlySpan<byte> providedHexAscii)
    {
        Span<byte> provided = stackalloc byte[32];
        return Hex.TryParse(providedHexAscii, provided) && CryptographicOperations.FixedTimeEquals(computed, provided);
    }

    private static void HmacText(ReadOnlySpan<byte> key, string text, Span<byte> destination)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> data = max <= 256 ? stackalloc byte[max] : new byte[max];
        var n = Encoding.UTF8.GetBytes(text, data);

        // key and destination may overlap: HMAC reads the key fully before writing.
        Span<byte> result = stackalloc byte[32];
        HMACSHA256.HashData(key, data[..n], result);
        result.CopyTo(destination);
    }
}
