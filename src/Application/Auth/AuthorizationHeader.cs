namespace BleepStore.Application.Auth;

/// <summary>
/// <c>AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…</c>; components in any order,
/// spaces after the commas optional.
/// </summary>
internal readonly record struct AuthorizationHeader(string Credential, string SignedHeaders, string Signature)
{
    public static bool IsSigV4(string value) =>
        value.StartsWith(SigV4Constants.Algorithm, StringComparison.Ordinal)
        && (value.Length == SigV4Constants.Algorithm.Length || value[SigV4Constants.Algorithm.Length] == ' ');

    public static bool TryParse(string value, out AuthorizationHeader header)
    {
        header = default;
        if (!IsSigV4(value))
        {
            return false;
        }

        string? credential = null, signedHeaders = null, signature = null;
        var rest = value.AsSpan(SigV4Constants.Algorithm.Length);
        foreach (var range in rest.Split(','))
        {
            var part = rest[range].Trim();
            if (part.IsEmpty)
            {
                continue;
            }

            var eq = part.IndexOf('=');
            if (eq <= 0)
            {
                return false;
            }

            var name = part[..eq].Trim();
            var val = part[(eq + 1)..].Trim().ToString();
            if (name.SequenceEqual("Credential"))
            {
                credential = val;
            }
            else if (name.SequenceEqual("SignedHeaders"))
            {
                signedHeaders = val;
            }
            else if (name.SequenceEqual("Signature"))
            {
                signature = val;
            }
            else
            {
                return false;
            }
        }

        if (string.IsNullOrEmpty(credential) || string.IsNullOrEmpty(signedHeaders) || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        header = new AuthorizationHeader(credential, signedHeaders, signature);
        return true;
    }
}
