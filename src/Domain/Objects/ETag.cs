namespace BleepStore.Domain.Objects;

/// <summary>ETag helpers. Stored ETags are quoted; comparisons ignore quotes and a weak <c>W/</c> prefix.</summary>
public static class ETag
{
    public const string Empty = "\"d41d8cd98f00b204e9800998ecf8427e\"";

    public static string FromMd5(ReadOnlySpan<byte> md5) => "\"" + Convert.ToHexStringLower(md5) + "\"";

    public static ReadOnlySpan<char> Bare(ReadOnlySpan<char> etag)
    {
        etag = etag.Trim();
        if (etag.StartsWith("W/"))
        {
            etag = etag[2..];
        }

        return etag.Trim('"');
    }

    /// <summary>Whether a comma-separated If-Match / If-None-Match list names <paramref name="etag"/> or is <c>*</c>.</summary>
    public static bool ListMatches(string headerValue, string etag)
    {
        var bare = Bare(etag);
        foreach (var range in headerValue.AsSpan().Split(','))
        {
            var item = headerValue.AsSpan()[range].Trim();
            if (item.SequenceEqual("*") || Bare(item).SequenceEqual(bare))
            {
                return true;
            }
        }

        return false;
    }
}
