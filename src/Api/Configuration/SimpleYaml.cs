namespace BleepStore.Api.Configuration;

/// <summary>
/// Reads the plain shape config files have without loading a YAML library (start-up time and memory): block
/// mappings with plain keys, scalars that are plain or quoted on one line, block sequences of scalars or of small
/// mappings, comments and blank lines. Anything outside that (flow collections, anchors, tags, block scalars,
/// multi-line or escaped scalars, tabs, document markers, non-ASCII text, odd indentation, duplicate keys…) is
/// declined, and the full YAML parser reads the text instead, so every file means what it meant and errors read
/// as before. It only accepts text it reads exactly as the full parser does; the tests compare the two.
/// </summary>
internal static class SimpleYaml
{
    /// <summary>False: not in the subset (use the full parser). True with null: an empty document.</summary>
    public static bool TryParse(string text, out YamlMappingValue? root)
    {
        root = null;
        var lines = new List<Line>();
        foreach (var raw in text.Split('\n'))
        {
            foreach (var c in raw)
            {
                if (c is < ' ' or > '~')
                {
                    return false; // tabs, CR, control characters, non-ASCII
                }
            }

            var indent = 0;
            while (indent < raw.Length && raw[indent] == ' ')
            {
                indent++;
            }

            if (indent == raw.Length || raw[indent] == '#')
            {
                continue; // blank or comment
            }

            if (indent == 0 && (raw.StartsWith("---", StringComparison.Ordinal) || raw.StartsWith("...", StringComparison.Ordinal) || raw[0] == '%'))
            {
                return false;
            }

            lines.Add(new Line(indent, raw[indent..].TrimEnd(' ')));
        }

        if (lines.Count == 0)
        {
            return true;
        }

        if (lines[0].Indent != 0)
        {
            return false;
        }

        var i = 0;
        var mapping = Mapping(lines, ref i, 0);
        if (mapping is null || i != lines.Count)
        {
            return false;
        }

        root = mapping;
        return true;
    }

    private static YamlMappingValue? Mapping(List<Line> lines, ref int i, int indent)
    {
        var entries = new List<KeyValuePair<string, YamlNodeValue>>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (i < lines.Count && lines[i].Indent == indent)
        {
            var content = lines[i].Content;
            var keyLength = KeyLength(content);
            if (keyLength == 0)
            {
                return null;
            }

            var key = content[..keyLength];
            var rest = content[(keyLength + 1)..].TrimStart(' ');
            i++;
            YamlNodeValue? value;
            if (rest.Length == 0 || rest[0] == '#')
            {
                if (i < lines.Count && lines[i].Indent > indent)
                {
                    value = IsSequenceItem(lines[i].Content) ? Sequence(lines, ref i, lines[i].Indent) : Mapping(lines, ref i, lines[i].Indent);
                }
                else
                {
                    value = new YamlScalarValue("", quoted: false);
                }
            }
            else
            {
                value = Scalar(rest);
                if (i < lines.Count && lines[i].Indent > indent)
                {
                    return null; // a continuation line or a misplaced key
                }
            }

            if (value is null || !keys.Add(key))
            {
                return null;
            }

            entries.Add(KeyValuePair.Create(key, value));
        }

        return i < lines.Count && lines[i].Indent > indent ? null : new YamlMappingValue(entries);
    }

    private static YamlSequenceValue? Sequence(List<Line> lines, ref int i, int indent)
    {
        var items = new List<YamlNodeValue>();
        while (i < lines.Count && lines[i].Indent == indent)
        {
            var content = lines[i].Content;
            if (!IsSequenceItem(content))
            {
                return null;
            }

            var item = content[1..].TrimStart(' ');
            if (item.Length == 0 || item[0] == '#')
            {
                return null;
            }

            YamlNodeValue? value;
            if (KeyLength(item) > 0)
            {
                // "- key: value": a mapping whose keys line up with the first one.
                lines[i] = new Line(indent + content.Length - item.Length, item);
                value = Mapping(lines, ref i, lines[i].Indent);
            }
            else
            {
                value = Scalar(item);
                i++;
                if (i < lines.Count && lines[i].Indent > indent)
                {
                    return null;
                }
            }

            if (value is null)
            {
                return null;
            }

            items.Add(value);
        }

        return i < lines.Count && lines[i].Indent > indent ? null : new YamlSequenceValue(items);
    }

    private static bool IsSequenceItem(string content) => content == "-" || content.StartsWith("- ", StringComparison.Ordinal);

    /// <summary>Length of a plain key (<c>[A-Za-z0-9_][A-Za-z0-9_.-]*</c>) followed by <c>:</c> and a space or the end; 0 if not.</summary>
    private static int KeyLength(string content)
    {
        var n = 0;
        while (n < content.Length && (char.IsAsciiLetterOrDigit(content[n]) || content[n] == '_' || (n > 0 && content[n] is '.' or '-')))
        {
            n++;
        }

        return n > 0 && n < content.Length && content[n] == ':' && (n + 1 == content.Length || content[n + 1] == ' ') ? n : 0;
    }

    /// <summary>A one-line scalar, possibly followed by a comment; null if it is anything more.</summary>
    private static YamlScalarValue? Scalar(string text)
    {
        if (text[0] is '\'' or '"')
        {
            var quote = text[0];
            var value = new System.Text.StringBuilder();
            var j = 1;
            while (true)
            {
                if (j >= text.Length || (quote == '"' && text[j] == '\\'))
                {
                    return null; // unterminated (continues on the next line) or escaped
                }

                if (text[j] == quote)
                {
                    if (quote == '\'' && j + 1 < text.Length && text[j + 1] == '\'')
                    {
                        value.Append('\'');
                        j += 2;
                        continue;
                    }

                    break;
                }

                value.Append(text[j++]);
            }

            var after = text[(j + 1)..];
            return after.Length == 0 || (after[0] == ' ' && after.TrimStart(' ').StartsWith('#')) ? new YamlScalarValue(value.ToString(), quoted: true) : null;
        }

        var comment = text.IndexOf(" #", StringComparison.Ordinal);
        var plain = (comment < 0 ? text : text[..comment]).TrimEnd(' ');
        if (!(char.IsAsciiLetterOrDigit(plain[0]) || plain[0] is '_' or '.' or '/' or '~' or '+' || (plain[0] == '-' && plain.Length > 1)))
        {
            return null;
        }

        for (var k = 0; k < plain.Length; k++)
        {
            var c = plain[k];
            var ok = char.IsAsciiLetterOrDigit(c) || c is ' ' or '_' or '-' or '.' or '/' or '~' or '+' or '@' or '=' or '$' or '%' or '(' or ')'
                || (c == ':' && k + 1 < plain.Length && plain[k + 1] != ' ');
            if (!ok)
            {
                return null;
            }
        }

        return new YamlScalarValue(plain, quoted: false);
    }

    private readonly record struct Line(int Indent, string Content);
}
