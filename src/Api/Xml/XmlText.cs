namespace BleepStore.Api.Xml;

/// <summary>
/// XML 1.0 can carry only some characters, even as <c>&amp;#x…;</c> references: not most C0 controls,
/// not U+FFFE/U+FFFF, not lone surrogates. S3 keys may hold any of them. Listings switch to
/// <c>encoding-type=url</c> when that happens (see ListingXml); other documents replace them with U+FFFD.
/// </summary>
internal static class XmlText
{
    public static bool IsValid(string? s)
    {
        if (s is null)
        {
            return true;
        }

        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c >= 0x20 && c < 0xD800)
            {
                continue;
            }

            if (c is '\t' or '\n' or '\r' || (c >= 0xE000 && c <= 0xFFFD))
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
                continue;
            }

            return false;
        }

        return true;
    }

    public static string Sanitize(string s)
    {
        if (IsValid(s))
        {
            return s;
        }

        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (char.IsHighSurrogate(c) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
                continue;
            }

            if (!(c is '\t' or '\n' or '\r' || (c >= 0x20 && c < 0xD800) || (c >= 0xE000 && c <= 0xFFFD)))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }
}
