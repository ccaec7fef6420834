using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Primitives;

namespace BleepStore.Api.Http;

/// <summary>
/// The request's headers as the Application sees them (<see cref="BleepStore.Application.Requests.HttpRequestFacts.Headers"/>):
/// a view over Kestrel's header dictionary, not a copy, so a request pays only for the headers SigV4 reads.
/// Names are case-insensitive; a repeated header reads as its values joined with <c>,</c>.
/// </summary>
internal sealed class HeaderFacts(IHeaderDictionary headers) : IReadOnlyDictionary<string, string>
{
    public int Count => headers.Count;

    public IEnumerable<string> Keys => headers.Keys;

    public IEnumerable<string> Values
    {
        get
        {
            foreach (var (_, values) in headers)
            {
                yield return Join(values);
            }
        }
    }

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => headers.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        if (headers.TryGetValue(key, out var values))
        {
            value = Join(values);
            return true;
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        foreach (var (name, values) in headers)
        {
            yield return new KeyValuePair<string, string>(name, Join(values));
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static string Join(StringValues values) => values.Count == 1 ? values[0] ?? "" : string.Join(',', values.ToArray());
}
