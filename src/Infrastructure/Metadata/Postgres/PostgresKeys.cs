namespace BleepStore.Infrastructure.Metadata.Postgres;

/// <summary>
/// PostgreSQL text cannot hold U+0000, which an S3 key may contain; keys are stored with U+0000 as U+0001 U+0001 and
/// U+0001 as U+0001 U+0002 (every other character as is). Both are one byte in UTF-8, and the code is prefix-free and
/// keeps byte order (00 → 01 01 &lt; 01 → 01 02 &lt; every byte from 02), so encoded keys sort as the keys do under
/// <c>COLLATE "C"</c>, a key starts with a prefix exactly when its encoding starts with the prefix's encoding, and a
/// byte range of keys is the range of their encodings. Keys without U+0000 and U+0001 (all but a few) are stored
/// unchanged. Every key a query binds goes through <see cref="Encode"/>, every key it reads through <see cref="Decode"/>.
/// </summary>
internal static class PostgresKeys
{
    private const char Escape = '\u0001';

    public static string Encode(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.AsSpan().IndexOfAny('\0', Escape) < 0)
        {
            return key;
        }

        var sb = new System.Text.StringBuilder(key.Length + 8);
        foreach (var ch in key)
        {
            switch (ch)
            {
                case '\0':
                    sb.Append(Escape).Append(Escape);
                    break;
                case Escape:
                    sb.Append(Escape).Append('\u0002');
                    break;
                default:
                    sb.Append(ch);
                    break;
            }
        }

        return sb.ToString();
    }

    public static string? EncodeOrNull(string? key) => key is null ? null : Encode(key);

    public static string Decode(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var i = stored.IndexOf(Escape, StringComparison.Ordinal);
        if (i < 0)
        {
            return stored;
        }

        var sb = new System.Text.StringBuilder(stored.Length);
        sb.Append(stored, 0, i);
        for (; i < stored.Length; i++)
        {
            var ch = stored[i];
            if (ch == Escape && i + 1 < stored.Length)
            {
                sb.Append(stored[++i] == Escape ? '\0' : Escape);
            }
            else
            {
                sb.Append(ch);
            }
        }

        return sb.ToString();
    }
}
