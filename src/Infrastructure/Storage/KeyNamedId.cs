namespace BleepStore.Infrastructure.Storage;

/// <summary>
/// Blob ids of key-named upstream objects (decision 0010): <c>k:{escaped upstream identity}:{key}</c>. The
/// identity (an ETag, a generation) is what the gateway checks on every read, so a row never gets bytes
/// written after it; the key names the object. Staging blob ids (<see cref="BlobIds"/>) never contain ':'.
/// </summary>
internal static class KeyNamedId
{
    private const string Marker = "k:";

    /// <summary>
    /// True when <paramref name="name"/> (<c>{prefix}{bucket}/{key}</c>) fits <paramref name="maxUtf8Bytes"/> and has no
    /// <c>.</c> or <c>..</c> path segment (an HTTP client folds those into another name). With
    /// <paramref name="noTrailingDotOrSlash"/> (Azure) a name ending in <c>/</c> or <c>.</c> is refused too.
    /// </summary>
    public static bool IsSafeName(string name, int maxUtf8Bytes, bool noTrailingDotOrSlash = false)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(name) > maxUtf8Bytes || (noTrailingDotOrSlash && name.Length > 0 && name[^1] is '/' or '.'))
        {
            return false;
        }

        foreach (var segment in name.Split('/'))
        {
            if (segment is "." or "..")
            {
                return false;
            }
        }

        return true;
    }

    public static string Format(string identity, string key) => Marker + Uri.EscapeDataString(identity) + ":" + key;

    public static bool TryParse(string blobId, out string key, out string identity)
    {
        key = identity = "";
        if (!blobId.StartsWith(Marker, StringComparison.Ordinal))
        {
            return false;
        }

        var end = blobId.IndexOf(':', Marker.Length);
        if (end < 0)
        {
            return false;
        }

        identity = Uri.UnescapeDataString(blobId[Marker.Length..end]);
        key = blobId[(end + 1)..];
        return true;
    }
}
