namespace BleepStore.Application.Auth;

/// <summary>The decoded <c>X-Amz-*</c> parameters of a presigned URL.</summary>
internal sealed class PresignedParameters
{
    public const string AlgorithmName = "X-Amz-Algorithm";

    public string? Algorithm { get; private set; }

    public string? Credential { get; private set; }

    public string? Date { get; private set; }

    public string? Expires { get; private set; }

    public string? SignedHeaders { get; private set; }

    public string? Signature { get; private set; }

    public bool Complete =>
        Algorithm is not null && Credential is not null && Date is not null && Expires is not null && SignedHeaders is not null && Signature is not null;

    /// <summary>Whether the query carries <c>X-Amz-Algorithm</c> (cheap text check first).</summary>
    public static bool HasAlgorithm(string rawQuery)
    {
        if (!rawQuery.Contains("Algorithm", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var query = rawQuery.AsSpan();
        foreach (var range in query.Split('&'))
        {
            var piece = query[range];
            var eq = piece.IndexOf('=');
            var name = eq < 0 ? piece : piece[..eq];
            if (name.SequenceEqual(AlgorithmName) || S3UriEncoder.DecodeQueryPiece(name) == AlgorithmName)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>First occurrence wins for each parameter.</summary>
    public static PresignedParameters Parse(string rawQuery)
    {
        var p = new PresignedParameters();
        var query = rawQuery.AsSpan();
        foreach (var range in query.Split('&'))
        {
            var piece = query[range];
            var eq = piece.IndexOf('=');
            if (eq < 0)
            {
                continue;
            }

            var name = S3UriEncoder.DecodeQueryPiece(piece[..eq]);
            if (!name.StartsWith("X-Amz-", StringComparison.Ordinal))
            {
                continue;
            }

            var value = S3UriEncoder.DecodeQueryPiece(piece[(eq + 1)..]);
            switch (name)
            {
                case "X-Amz-Algorithm":
                    p.Algorithm ??= value;
                    break;
                case "X-Amz-Credential":
                    p.Credential ??= value;
                    break;
                case "X-Amz-Date":
                    p.Date ??= value;
                    break;
                case "X-Amz-Expires":
                    p.Expires ??= value;
                    break;
                case "X-Amz-SignedHeaders":
                    p.SignedHeaders ??= value;
                    break;
                case "X-Amz-Signature":
                    p.Signature ??= value;
                    break;
            }
        }

        return p;
    }
}
