namespace BleepStore.Application.Auth;

/// <summary><c>AKID/YYYYMMDD/region/s3/aws4_request</c>; any region is accepted (spec 95 #8).</summary>
internal readonly record struct CredentialScope(string AccessKeyId, string Date, string Region)
{
    /// <summary>The scope as it appears in the string to sign: <c>date/region/s3/aws4_request</c>.</summary>
    public string Scope => $"{Date}/{Region}/{SigV4Constants.Service}/{SigV4Constants.Terminator}";

    public static bool TryParse(string credential, out CredentialScope scope)
    {
        scope = default;
        var parts = credential.Trim().Split('/');
        if (parts.Length != 5
            || parts[0].Length == 0
            || parts[1].Length != 8
            || parts[2].Length == 0
            || !string.Equals(parts[3], SigV4Constants.Service, StringComparison.Ordinal)
            || !string.Equals(parts[4], SigV4Constants.Terminator, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in parts[1])
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        scope = new CredentialScope(parts[0], parts[1], parts[2]);
        return true;
    }
}
