using System.Text;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Objects;

/// <summary>Parses <c>x-amz-copy-source</c>: optional leading slash, URL-encoded, <c>?versionId=</c> dropped.</summary>
internal readonly record struct CopySource(string Bucket, string Key)
{
    public static CopySource Parse(string header) =>
        TryParse(header, out var source) ? source : throw Malformed(header);

    /// <summary>False when the header does not name both a bucket and a key (CopyObjectValidator answers InvalidArgument).</summary>
    public static bool TryParse(string header, out CopySource source)
    {
        var value = header.Trim();
        var query = value.IndexOf('?');
        if (query >= 0)
        {
            value = value[..query];
        }

        value = Decode(value).TrimStart('/');
        var slash = value.IndexOf('/');
        if (slash <= 0 || slash == value.Length - 1)
        {
            source = default;
            return false;
        }

        source = new CopySource(value[..slash], value[(slash + 1)..]);
        return true;
    }

    public static S3Exception Malformed(string header) =>
        S3Exception.InvalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey", "x-amz-copy-source", header);

    private static string Decode(string s)
    {
        // Percent-decoding only ('+' stays '+'), then UTF-8.
        if (!s.Contains('%'))
        {
            return s;
        }

        var bytes = new List<byte>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%' && i + 2 < s.Length && Uri.IsHexDigit(s[i + 1]) && Uri.IsHexDigit(s[i + 2]))
            {
                bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(s[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
