using BleepStore.Application.Requests;

namespace BleepStore.Application.Auth;

/// <summary>
/// Writes the SigV4 canonical request (spec 40 "Signature") from the request as received. The
/// payload hash line is left to the caller so that a deferred body hash can be appended later.
/// </summary>
internal static class CanonicalRequest
{
    /// <summary>Method, URI, query, headers block and signed-headers line, each followed by <c>\n</c>.</summary>
    public static void WriteWithoutPayload(ref PooledByteWriter w, HttpRequestFacts request, string signedHeaders, bool excludeSignatureParameter)
    {
        w.Append(request.Method.AsSpan());
        w.Append((byte)'\n');
        S3UriEncoder.CanonicalPath(ref w, request.RawPath);
        w.Append((byte)'\n');
        WriteQuery(ref w, request.RawQuery, excludeSignatureParameter);
        w.Append((byte)'\n');
        WriteHeaders(ref w, request, signedHeaders);
        w.Append((byte)'\n');
        w.Append(signedHeaders.AsSpan());
        w.Append((byte)'\n');
    }

    public static void WriteQuery(ref PooledByteWriter w, string rawQuery, bool excludeSignatureParameter)
    {
        if (rawQuery.Length == 0)
        {
            return;
        }

        var pairs = new List<KeyValuePair<string, string>>();
        var query = rawQuery.AsSpan();
        foreach (var range in query.Split('&'))
        {
            var piece = query[range];
            if (piece.IsEmpty)
            {
                continue;
            }

            var eq = piece.IndexOf('=');
            var rawName = eq < 0 ? piece : piece[..eq];
            var rawValue = eq < 0 ? [] : piece[(eq + 1)..];
            var name = S3UriEncoder.CanonicalQueryPiece(rawName);
            if (excludeSignatureParameter && name == "X-Amz-Signature")
            {
                continue;
            }

            pairs.Add(new(name, S3UriEncoder.CanonicalQueryPiece(rawValue)));
        }

        // Canonical pieces are ASCII, so ordinal order is byte order.
        pairs.Sort(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Key, b.Key);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });

        for (var i = 0; i < pairs.Count; i++)
        {
            if (i > 0)
            {
                w.Append((byte)'&');
            }

            w.Append(pairs[i].Key.AsSpan());
            w.Append((byte)'=');
            w.Append(pairs[i].Value.AsSpan());
        }
    }

    public static void WriteHeaders(ref PooledByteWriter w, HttpRequestFacts request, string signedHeaders)
    {
        var names = signedHeaders.AsSpan();
        foreach (var range in names.Split(';'))
        {
            var name = names[range];
            foreach (var c in name)
            {
                w.Append((byte)char.ToLowerInvariant(c));
            }

            w.Append((byte)':');
            if (request.Headers.TryGetValue(name.ToString(), out var value))
            {
                WriteHeaderValue(ref w, value);
            }

            w.Append((byte)'\n');
        }
    }

    /// <summary>Trimmed, with every run of inner whitespace collapsed to one space.</summary>
    private static void WriteHeaderValue(ref PooledByteWriter w, string value)
    {
        var v = value.AsSpan().Trim();
        var start = 0;
        for (var i = 0; i < v.Length; i++)
        {
            if (v[i] is ' ' or '\t')
            {
                w.Append(v[start..i]);
                w.Append((byte)' ');
                while (i + 1 < v.Length && v[i + 1] is ' ' or '\t')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        w.Append(v[start..]);
    }

    public static bool SignsHost(string signedHeaders)
    {
        var names = signedHeaders.AsSpan();
        foreach (var range in names.Split(';'))
        {
            if (names[range].Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
