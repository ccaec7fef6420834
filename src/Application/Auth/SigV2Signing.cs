using System.Security.Cryptography;
using System.Text;
using BleepStore.Application.Requests;

namespace BleepStore.Application.Auth;

/// <summary>
/// AWS Signature Version 2 for S3 ("Signing and authenticating REST requests"): the string to sign is
/// <c>VERB\nContent-MD5\nContent-Type\nDate\n</c> + the canonicalized <c>x-amz-*</c> headers + the
/// canonicalized resource; the signature is Base64(HMAC-SHA1(secret, UTF-8(string to sign))).
/// For query-string authentication the Date line is the <c>Expires</c> value.
/// </summary>
internal static class SigV2Signing
{
    /// <summary>
    /// The sub-resources and response overrides that belong to the canonicalized resource (AWS's list, with
    /// the ones botocore and s3cmd add for newer sub-resources); anything else in the query is not signed.
    /// </summary>
    private static readonly HashSet<string> SignedParameters = new(StringComparer.Ordinal)
    {
        "accelerate", "acl", "analytics", "attributes", "cors", "delete", "encryption", "intelligent-tiering", "inventory",
        "legal-hold", "lifecycle", "location", "logging", "metrics", "notification", "object-lock", "ownershipControls",
        "partNumber", "policy", "policyStatus", "publicAccessBlock", "replication", "requestPayment", "restore", "retention",
        "select", "select-type", "tagging", "torrent", "uploadId", "uploads", "versionId", "versioning", "versions", "website",
        "response-cache-control", "response-content-disposition", "response-content-encoding", "response-content-language",
        "response-content-type", "response-expires",
    };

    /// <param name="dateLine">The Date header (empty when x-amz-date is sent), or the Expires value of a presigned URL.</param>
    /// <param name="hostBucket">The bucket named by the Host header (virtual-hosted style), else null.</param>
    /// <param name="asSent">
    /// False: the resource of a request to a bucket itself is <c>/bucket/</c>, as AWS defines it and botocore signs
    /// it (a path-style <c>/bucket</c> included). True: the path exactly as sent, for clients that sign it so.
    /// </param>
    public static string StringToSign(HttpRequestFacts request, string dateLine, string? hostBucket, bool asSent = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        var s = new StringBuilder(256);
        s.Append(request.Method).Append('\n');
        s.Append(request.Header("Content-MD5")?.Trim() ?? "").Append('\n');
        s.Append(request.Header("Content-Type")?.Trim() ?? "").Append('\n');
        s.Append(dateLine).Append('\n');
        AppendAmzHeaders(s, request);
        AppendResource(s, request, hostBucket, asSent);
        return s.ToString();
    }

    public static byte[] Sign(string secretKey, string stringToSign) =>
        HMACSHA1.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(stringToSign));

    /// <summary>Constant-time comparison of the computed signature with the Base64 one the client sent.</summary>
    public static bool Matches(byte[] computed, string provided)
    {
        Span<byte> decoded = stackalloc byte[32];
        return Convert.TryFromBase64String(provided.Trim(), decoded, out var written)
            && written == computed.Length
            && CryptographicOperations.FixedTimeEquals(decoded[..written], computed);
    }

    /// <summary>The string to sign's bytes as S3 shows them in <c>StringToSignBytes</c>: two hex digits each, space-separated.</summary>
    public static string Bytes(string stringToSign)
    {
        var bytes = Encoding.UTF8.GetBytes(stringToSign);
        var s = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (s.Length > 0)
            {
                s.Append(' ');
            }

            s.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return s.ToString();
    }

    /// <summary>Lower-case <c>x-amz-*</c> names in order, <c>name:value\n</c>, repeated values joined by <c>,</c> (as the Api joins them), folding whitespace as one space.</summary>
    private static void AppendAmzHeaders(StringBuilder s, HttpRequestFacts request)
    {
        List<KeyValuePair<string, string>>? amz = null;
        foreach (var (name, value) in request.Headers)
        {
            if (name.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
            {
                (amz ??= []).Add(new(name.ToLowerInvariant(), value));
            }
        }

        if (amz is null)
        {
            return;
        }

        amz.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var (name, value) in amz)
        {
            s.Append(name).Append(':').Append(Unfold(value)).Append('\n');
        }
    }

    /// <summary>Whitespace around the value trimmed; folded lines (a line break and its indentation) become one space.</summary>
    private static string Unfold(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.AsSpan().IndexOfAny('\r', '\n') < 0)
        {
            return trimmed;
        }

        var lines = trimmed.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', lines.Select(l => l.Trim()).Where(l => l.Length > 0));
    }

    /// <summary>
    /// <c>/bucket</c> for virtual-hosted requests, then the path as sent (still percent-encoded), then the signed
    /// sub-resources sorted by name, values decoded: <c>?acl</c>, <c>?partNumber=1&amp;uploadId=…</c>.
    /// </summary>
    private static void AppendResource(StringBuilder s, HttpRequestFacts request, string? hostBucket, bool asSent)
    {
        if (hostBucket is not null)
        {
            s.Append('/').Append(hostBucket);
        }

        var path = request.RawPath.Length == 0 ? "/" : request.RawPath;
        s.Append(path);
        if (!asSent && hostBucket is null && path.Length > 1 && path.IndexOf('/', 1) < 0)
        {
            s.Append('/');
        }

        if (request.RawQuery.Length == 0)
        {
            return;
        }

        List<(string Name, string? Value)>? signed = null;
        foreach (var piece in request.RawQuery.Split('&'))
        {
            var eq = piece.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? piece : piece[..eq];
            if (SignedParameters.Contains(name))
            {
                (signed ??= []).Add((name, eq < 0 ? null : Uri.UnescapeDataString(piece[(eq + 1)..])));
            }
        }

        if (signed is null)
        {
            return;
        }

        signed.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        var first = true;
        foreach (var (name, value) in signed)
        {
            s.Append(first ? '?' : '&').Append(name);
            if (value is not null)
            {
                s.Append('=').Append(value);
            }

            first = false;
        }
    }
}
