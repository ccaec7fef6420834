using System.Text;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Objects;

/// <summary>Parses <c>x-amz-copy-source</c>: optional leading slash, URL-encoded, then an optional <c>?versionId=</c>.</summary>
internal readonly record struct CopySource(string Bucket, string Key, string? VersionId = null)
{
    public static CopySource Parse(string header) =>
        TryParse(header, out var source) ? source : throw Malformed(header);

    /// <summary>False when the header does not name both a bucket and a key (CopyObjectValidator answers InvalidArgument).</summary>
    public static bool TryParse(string header, out CopySource source)
    {
        var value = header.Trim();
        var query = value.IndexOf('?');
        string? versionId = null;
        if (query >= 0)
        {
            foreach (var pair in value[(query + 1)..].Split('&'))
            {
                if (pair.StartsWith("versionId=", StringComparison.Ordinal))
                {
                    versionId = Decode(pair["versionId=".Length..]);
                }
            }

            value = value[..query];
        }

        value = Decode(value).TrimStart('/');
        var slash = value.IndexOf('/');
        if (slash <= 0 || slash == value.Length - 1)
        {
            source = default;
            return false;
        }

        source = new CopySource(value[..slash], value[(slash + 1)..], versionId);
        return true;
    }

    /// <summary>
    /// The source as the caller may read it: the current version, or the one named by <c>versionId</c>; a delete marker
    /// named by id is S3's InvalidRequest (a current one is NoSuchKey).
    /// </summary>
    public async Task<(ObjectRecord Object, bool Versioned)> ReadAsync(Abstractions.IMetadataStore store, Domain.Access.Owner? caller, CancellationToken ct)
    {
        if (VersionId is not null && !VersionIds.IsWellFormed(VersionId))
        {
            throw S3Exception.InvalidArgument("Invalid version id specified", "x-amz-copy-source", VersionId);
        }

        try
        {
            var (source, bucket) = await store.RequireReadableVersionAsync(Bucket, Key, VersionId, caller, "GET", ct).ConfigureAwait(false);
            return (source, bucket.Versioning is not null);
        }
        catch (S3Exception ex) when (ex.Error == S3Errors.MethodNotAllowed)
        {
            throw new S3Exception(S3Errors.InvalidRequest, "The source of a copy request may not specifically refer to a delete marker by version id.");
        }
        catch (S3Exception ex) when (ex.Error == S3Errors.NoSuchKey)
        {
            throw S3Exception.NoSuchKey(Key);
        }
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
