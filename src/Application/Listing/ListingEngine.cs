using BleepStore.Application.Abstractions;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Listing;

/// <summary>
/// One page of a bucket listing with delimiter roll-up (spec 20 "Listing rules"), on top of the
/// store's ordered prefix scan. A rolled-up prefix is emitted once and the scan jumps past every key
/// under it, so common prefixes never repeat across pages.
/// </summary>
internal static class ListingEngine
{
    public const int MaxPageSize = 1000;

    public static async Task<ListingPage> ListAsync(
        IMetadataStore store, string bucket, string prefix, string? delimiter, string? resumeAfter, int maxKeys, CancellationToken ct)
    {
        var contents = new List<ObjectRecord>();
        var prefixes = new List<string>();
        if (maxKeys <= 0)
        {
            return new ListingPage(contents, prefixes, false, null);
        }

        var rollUp = !string.IsNullOrEmpty(delimiter);
        string? from = resumeAfter;
        var inclusive = false;

        // Resuming after a key under a rolled-up prefix means resuming after the whole prefix.
        if (rollUp && from is not null && RolledUpPrefix(from, prefix, delimiter!) is { } resumePrefix)
        {
            from = Utf8Order.PrefixSuccessor(resumePrefix);
            inclusive = true;
            if (from is null)
            {
                return new ListingPage(contents, prefixes, false, null);
            }
        }

        string? last = null;
        var count = 0;
        while (true)
        {
            var want = maxKeys - count + 1;
            var batch = await store.ListObjectsAsync(bucket, prefix, from, inclusive, want, ct).ConfigureAwait(false);
            var jumped = false;
            foreach (var row in batch)
            {
                if (count == maxKeys)
                {
                    return new ListingPage(contents, prefixes, true, last);
                }

                if (rollUp && RolledUpPrefix(row.Key, prefix, delimiter!) is { } common)
                {
                    prefixes.Add(common);
                    count++;
                    last = common;
                    from = Utf8Order.PrefixSuccessor(common);
                    inclusive = true;
                    if (from is null)
                    {
                        return new ListingPage(contents, prefixes, false, last);
                    }

                    jumped = true;
                    break;
                }

                contents.Add(row);
                count++;
                last = row.Key;
                from = row.Key;
                inclusive = false;
            }

            if (!jumped && batch.Count < want)
            {
                return new ListingPage(contents, prefixes, false, last);
            }
        }
    }

    /// <summary>The common prefix <paramref name="key"/> rolls up into, or null when it is listed as itself.</summary>
    public static string? RolledUpPrefix(string key, string prefix, string delimiter)
    {
        if (!key.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var at = key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
        return at < 0 ? null : key[..(at + delimiter.Length)];
    }
}
