using System.Text;

namespace BleepStore.Domain.Objects;

/// <summary>
/// Keys sort as UTF-8 bytes, which is code point order. .NET's ordinal comparison is UTF-16 unit
/// order and differs for supplementary characters, so listings compare with this instead.
/// </summary>
public sealed class Utf8Order : IComparer<string>
{
    public static readonly Utf8Order Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var n = Math.Min(x.Length, y.Length);
        for (var i = 0; i < n; i++)
        {
            char a = x[i], b = y[i];
            if (a == b)
            {
                continue;
            }

            // Surrogates (U+D800–DFFF) encode code points above U+FFFF, so they sort after U+E000–FFFF.
            var sa = char.IsSurrogate(a);
            var sb = char.IsSurrogate(b);
            if (sa != sb)
            {
                return sa ? 1 : -1;
            }

            return a < b ? -1 : 1;
        }

        return x.Length.CompareTo(y.Length);
    }

    /// <summary>
    /// The least string that is greater than every string starting with <paramref name="prefix"/>,
    /// or null when none exists (the prefix is all U+10FFFF).
    /// </summary>
    public static string? PrefixSuccessor(string prefix)
    {
        var runes = prefix.EnumerateRunes().ToList();
        while (runes.Count > 0)
        {
            var last = runes[^1].Value;
            runes.RemoveAt(runes.Count - 1);
            if (last == 0x10FFFF)
            {
                continue;
            }

            var next = last + 1 == 0xD800 ? 0xE000 : last + 1;
            var sb = new StringBuilder(prefix.Length + 1);
            foreach (var r in runes)
            {
                sb.Append(r.ToString());
            }

            sb.Append(new Rune(next).ToString());
            return sb.ToString();
        }

        return null;
    }
}
