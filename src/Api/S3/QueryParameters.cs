namespace BleepStore.Api.S3;

/// <summary>
/// The decoded query string. A parameter is present when its name appears, with or without <c>=value</c>;
/// the first occurrence wins. Small (a handful of entries), so a list beats a dictionary.
/// </summary>
internal sealed class QueryParameters
{
    public static readonly QueryParameters Empty = new([]);

    private readonly List<KeyValuePair<string, string>> _items;

    private QueryParameters(List<KeyValuePair<string, string>> items) => _items = items;

    public int Count => _items.Count;

    public IReadOnlyList<KeyValuePair<string, string>> Items => _items;

    /// <summary>Parses a raw query (no leading <c>?</c>): names and values percent-decoded once, <c>+</c> as space.</summary>
    public static QueryParameters Parse(string rawQuery)
    {
        if (rawQuery.Length == 0)
        {
            return Empty;
        }

        var items = new List<KeyValuePair<string, string>>();
        foreach (var range in rawQuery.AsSpan().Split('&'))
        {
            var part = rawQuery.AsSpan()[range];
            if (part.IsEmpty)
            {
                continue;
            }

            var eq = part.IndexOf('=');
            var name = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? [] : part[(eq + 1)..];
            items.Add(new(PercentEncoding.DecodeQueryComponent(name), PercentEncoding.DecodeQueryComponent(value)));
        }

        return new QueryParameters(items);
    }

    public bool Has(string name)
    {
        foreach (var item in _items)
        {
            if (item.Key == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value, <c>""</c> for a bare name, null when absent.</summary>
    public string? Get(string name)
    {
        foreach (var item in _items)
        {
            if (item.Key == name)
            {
                return item.Value;
            }
        }

        return null;
    }
}
